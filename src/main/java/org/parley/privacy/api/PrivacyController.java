package org.parley.privacy.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.parley.customer.CustomerDirectory;
import org.parley.privacy.CustomerDataExport;
import org.parley.security.RoleGuard;
import org.parley.team.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Data-subject requests over the API, for admins' tokens only. */
@RestController
@RequestMapping("/api/v1/customers/{id}")
class PrivacyController {

    private final CustomerDataExport export;
    private final CustomerDirectory customers;
    private final RoleGuard roles;

    PrivacyController(CustomerDataExport export, CustomerDirectory customers, RoleGuard roles) {
        this.export = export;
        this.customers = customers;
        this.roles = roles;
    }

    /** Everything held about the customer, as a ZIP of JSON files and attachments. */
    @GetMapping("/export")
    ResponseEntity<byte[]> export(@PathVariable UUID id) throws IOException {
        roles.requireAny(Role.ADMIN);
        // written whole before answering: an unknown id is a 404 and the export is audited only once it exists
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        export.writeZip(id, zip);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + export.fileName(id) + "\"")
                .contentType(MediaType.parseMediaType("application/zip"))
                .body(zip.toByteArray());
    }

    /** Erases the customer: identities, attributes and message contents; the audit trail keeps the act. */
    @PostMapping("/erase")
    ResponseEntity<Map<String, Object>> erase(@PathVariable UUID id, @RequestBody(required = false) EraseRequest body) {
        roles.requireAny(Role.ADMIN);
        UUID survivor = customers.survivorOf(id);
        customers.erase(survivor, body == null ? null : body.reason());
        return ResponseEntity.status(HttpStatus.OK).body(Map.of("customerId", survivor, "erased", true));
    }

    record EraseRequest(String reason) {
    }
}
