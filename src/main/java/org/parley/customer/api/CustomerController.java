package org.parley.customer.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.customer.CustomerDirectory;
import org.parley.base.NotFoundException;
import org.parley.customer.CustomerDirectory.IdentityInput;
import org.parley.customer.CustomerProfile;
import org.parley.customer.IdentityKey;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Customers and their identities over HTTP. */
@RestController
@RequestMapping("/api/v1/customers")
class CustomerController {

    private static final int SEARCH_LIMIT = 50;

    private final CustomerDirectory customers;

    CustomerController(CustomerDirectory customers) {
        this.customers = customers;
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    CustomerJson create(@RequestBody CreateRequest body) {
        if (body == null) {
            throw new InvalidInputException("request body is required");
        }
        List<IdentityInput> identities = body.identities() == null ? List.of() : body.identities().stream()
                .map(i -> {
                    if (i == null) {
                        throw new InvalidInputException("identities must not contain null");
                    }
                    return new IdentityInput(Channel.parse(i.type(), "identities[].type"), i.value());
                })
                .toList();
        return CustomerJson.of(customers.create(body.name(), identities));
    }

    @GetMapping("/{id}")
    CustomerJson get(@PathVariable UUID id) {
        return CustomerJson.of(customers.get(id));
    }

    /** {@code ?identity=TYPE:value} finds by identity; {@code ?q=} searches names and identities. */
    @GetMapping
    List<CustomerJson> find(@RequestParam(required = false) String identity, @RequestParam(required = false) String q) {
        if (identity != null) {
            IdentityKey key = customers.normalizer().parse(identity);
            return customers.findByIdentity(key).map(CustomerJson::of).stream().toList();
        }
        if (q != null) {
            if (q.length() > 200) {
                throw new InvalidInputException("q must be at most 200 characters");
            }
            return customers.search(q, SEARCH_LIMIT).stream().map(CustomerJson::of).toList();
        }
        throw new InvalidInputException("give either identity=TYPE:value or q=text");
    }

    /**
     * A CRM's attributes for the customer: a JSON object of name → value (strings; null removes one), merged
     * into the customer's, or with {@code ?replace=true} replacing them all.
     */
    @PutMapping(path = "/{id}/attributes", consumes = "application/json")
    CustomerJson attributes(@PathVariable UUID id, @RequestBody(required = false) JsonNode body,
            @RequestParam(defaultValue = "false") boolean replace) {
        return CustomerJson.of(customers.setAttributes(id, attributeMap(body), replace));
    }

    /** The same, for the customer who owns {@code ?identity=TYPE:value} (404 when nobody does). */
    @PutMapping(path = "/attributes", consumes = "application/json")
    CustomerJson attributesByIdentity(@RequestParam String identity, @RequestBody(required = false) JsonNode body,
            @RequestParam(defaultValue = "false") boolean replace) {
        IdentityKey key = customers.normalizer().parse(identity);
        UUID id = customers.findByIdentity(key).map(CustomerProfile::id)
                .orElseThrow(() -> new NotFoundException("no customer with the identity " + key));
        return CustomerJson.of(customers.setAttributes(id, attributeMap(body), replace));
    }

    private static Map<String, String> attributeMap(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("a JSON object of attribute name -> value is required, e.g. {\"plan\": \"enterprise\"}");
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (var field : body.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                values.put(field.getKey(), null);
            } else if (value.isString() || value.isNumber() || value.isBoolean()) {
                values.put(field.getKey(), value.asString());
            } else {
                throw new InvalidInputException("attribute " + field.getKey() + " must be a string, number, true/false or null");
            }
        }
        return values;
    }

    record CreateRequest(String name, List<IdentityJson> identities) {
    }

    record IdentityJson(String type, String value) {
    }

    record CustomerJson(UUID id, String name, String company, String notes, Map<String, String> attributes,
            List<IdentityOut> identities, Instant createdAt, Instant lastSeenAt) {

        static CustomerJson of(CustomerProfile p) {
            return new CustomerJson(p.id(), p.displayName(), p.company(), p.notes(), p.attributes(),
                    p.identities().stream().map(i -> new IdentityOut(i.id(), i.type(), i.value(), i.displayValue()))
                            .toList(),
                    p.createdAt(), p.lastSeenAt());
        }
    }

    record IdentityOut(UUID id, Channel type, String value, String displayValue) {
    }
}
