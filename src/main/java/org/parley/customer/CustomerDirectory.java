package org.parley.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.audit.AuditTrail;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Finds, creates, edits and merges customers and their identities. */
@Service
@Transactional(readOnly = true)
public class CustomerDirectory {

    private static final int MAX_ATTRIBUTE_KEY = 100;
    private static final int MAX_ATTRIBUTES = 200;

    private final CustomerRepository customers;
    private final IdentityRepository identities;
    private final IdentityNormalizer normalizer;
    private final CustomerMergeRepository merges;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final org.parley.base.events.EventSpine spine;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final SeenTimes seenTimes;
    /**
     * An erasure, a merge or its undoing touches every record of the customer: when a background reaction
     * (routing, SLA, reports) or an arriving message changed or locked one of them meanwhile, it runs again rather
     * than asking the agent or admin to retry.
     */
    private static final org.springframework.core.retry.RetryTemplate AGAIN_ON_CONFLICT = new org.springframework.core.retry
            .RetryTemplate(org.springframework.core.retry.RetryPolicy.builder().maxRetries(4)
                    .delay(java.time.Duration.ofMillis(50)).multiplier(2)
                    .includes(org.springframework.dao.OptimisticLockingFailureException.class,
                            org.springframework.dao.PessimisticLockingFailureException.class)
                    .build());

    CustomerDirectory(CustomerRepository customers, IdentityRepository identities, IdentityNormalizer normalizer,
            CustomerMergeRepository merges, AuditTrail audit, ApplicationEventPublisher events,
            org.parley.base.events.EventSpine spine,
            org.springframework.transaction.PlatformTransactionManager transactions, SeenTimes seenTimes) {
        this.seenTimes = seenTimes;
        this.spine = spine;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.customers = customers;
        this.merges = merges;
        this.identities = identities;
        this.normalizer = normalizer;
        this.audit = audit;
        this.events = events;
    }

    /** No transaction of its own: every message through the API asks for it, and a transaction takes a connection. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public IdentityNormalizer normalizer() {
        return normalizer;
    }

    /** The customer with this id; for a merged id, the customer it was merged into. */
    public CustomerProfile get(UUID id) {
        return CustomerProfile.of(load(id));
    }

    public Optional<CustomerProfile> find(UUID id) {
        try {
            return Optional.of(get(id));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The customers with these ids, by the id asked for: what {@link #find} answers for each (a merged id stands
     * for the customer it was merged into, an unknown id is left out), with their identities and attributes in
     * two queries for all of them (and one more per merge hop to follow).
     */
    public Map<UUID, CustomerProfile> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Customer> loaded = new HashMap<>();
        customers.findAllWithIdentities(Set.copyOf(ids)).forEach(c -> loaded.put(c.getId(), c));
        Map<UUID, Customer> reached = new LinkedHashMap<>();
        ids.forEach(id -> {
            if (loaded.containsKey(id)) {
                reached.put(id, loaded.get(id));
            }
        });
        // follow merge tombstones as load() does: up to 20 hops, a missing survivor is "not found"
        for (int hops = 0; hops < 20; hops++) {
            Set<UUID> next = reached.values().stream().map(Customer::getMergedInto)
                    .filter(id -> id != null && !loaded.containsKey(id)).collect(Collectors.toSet());
            if (!next.isEmpty()) {
                customers.findAllWithIdentities(next).forEach(c -> loaded.put(c.getId(), c));
            }
            boolean moved = false;
            for (var it = reached.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                UUID survivor = entry.getValue().getMergedInto();
                if (survivor != null) {
                    moved = true;
                    if (loaded.containsKey(survivor)) {
                        entry.setValue(loaded.get(survivor));
                    } else {
                        it.remove();
                    }
                }
            }
            if (!moved) {
                break;
            }
        }
        if (!reached.isEmpty()) {
            customers.fetchAttributes(reached.values().stream().map(Customer::getId).collect(Collectors.toSet()));
        }
        Map<UUID, CustomerProfile> profiles = new LinkedHashMap<>();
        reached.forEach((asked, c) -> profiles.put(asked, CustomerProfile.of(c)));
        return profiles;
    }

    /** Follows merge tombstones to the surviving customer id. */
    public UUID survivorOf(UUID id) {
        return load(id).getId();
    }

    public Optional<CustomerProfile> findByIdentity(IdentityKey key) {
        return identities.findByKey(key.type(), key.value()).map(i -> CustomerProfile.of(survivor(i)));
    }

    private Customer survivor(Identity identity) {
        // identities always move to the survivor on merge; this only guards against old data
        return load(identityOwnerId(identity));
    }

    private static UUID identityOwnerId(Identity identity) {
        return identity.customerId();
    }

    /**
     * The customer an identity belongs to, creating customer and identity when it is new. The
     * identity row stays locked until the caller's transaction ends, so messages of one customer are
     * threaded one after the other. A concurrent creation of the same identity surfaces as a
     * constraint violation (or a deadlock on MySQL's gap locks); the caller retries and then finds
     * the winner's customer.
     */
    @Transactional
    public ResolvedCustomer resolve(IdentityKey key, String displayName, String displayValue, Instant seenAt) {
        Set<Customer> seen = new LinkedHashSet<>();
        ResolvedCustomer resolved = resolve(new Sender(key, displayName, displayValue, seenAt), new HashMap<>(), false,
                seen);
        seenTimes.write(seen);
        return resolved;
    }

    /** One sender for {@link #resolveAll}: what {@link #resolve} takes. */
    public record Sender(IdentityKey key, String displayName, String displayValue, Instant seenAt) {
    }

    /**
     * {@link #resolve} for each sender in order, as if one after the other in this transaction (a sender that comes
     * twice is one customer), with the identities of all of them (and of the same numbers on WhatsApp and phone) read
     * and locked in one query instead of one or two each: a sender that query did not find is new. Should another
     * transaction create that identity meanwhile, the unique key refuses the second one and the caller stores its
     * messages one by one, each through {@link #resolve}.
     */
    @Transactional
    public List<ResolvedCustomer> resolveAll(List<Sender> senders) {
        Map<IdentityKey, Identity> known = new HashMap<>();
        boolean readAll = senders.size() > 1;
        if (readAll) {
            Set<IdentityKey> keys = new HashSet<>();
            for (Sender sender : senders) {
                keys.add(sender.key());
                sameNumber(sender.key()).ifPresent(keys::add);
            }
            Set<Channel> types = keys.stream().map(IdentityKey::type).collect(Collectors.toSet());
            Set<String> values = keys.stream().map(IdentityKey::value).collect(Collectors.toSet());
            for (Identity identity : identities.findByKeysForUpdate(types, values)) {
                known.put(identity.key(), identity);
            }
        }
        List<ResolvedCustomer> resolved = new ArrayList<>(senders.size());
        Set<Customer> seen = new LinkedHashSet<>();
        for (Sender sender : senders) {
            resolved.add(resolve(sender, known, readAll, seen));
        }
        seenTimes.write(seen);
        return resolved;
    }

    /**
     * One sender; {@code known} holds the identities this transaction locked and gets those it creates, and when
     * {@code readAll} it holds every identity of the batch that exists. A known customer whose first or last seen
     * time this moved is added to {@code seen}, for the caller to write.
     */
    private ResolvedCustomer resolve(Sender sender, Map<IdentityKey, Identity> known, boolean readAll,
            Set<Customer> seen) {
        IdentityKey key = sender.key();
        Optional<Identity> existing = locked(key, known, readAll);
        if (existing.isPresent()) {
            known.put(key, existing.get());
            Customer customer = survivor(existing.get());
            if (customer.seenAt(sender.seenAt())) {
                seen.add(customer);
            }
            return new ResolvedCustomer(customer.getId(), false);
        }
        Optional<Identity> samePerson = sameNumber(key).flatMap(same -> locked(same, known, readAll));
        if (samePerson.isPresent()) {
            // a WhatsApp number is the person who called from it (and the other way round): one customer
            Customer customer = survivor(samePerson.get());
            known.put(key, customer.addIdentity(key, sender.displayValue()));
            if (customer.seenAt(sender.seenAt())) {
                seen.add(customer);
            }
            return new ResolvedCustomer(customer.getId(), false);
        }
        Customer customer = new Customer(nameOrFallback(sender.displayName(), key), sender.seenAt());
        known.put(key, customer.addIdentity(key, sender.displayValue()));
        customers.save(customer);
        return new ResolvedCustomer(customer.getId(), true);
    }

    private Optional<Identity> locked(IdentityKey key, Map<IdentityKey, Identity> known, boolean readAll) {
        Identity identity = known.get(key);
        return identity != null || readAll ? Optional.ofNullable(identity) : lockIdentity(key);
    }

    /**
     * The identity with its customer, both locked. On H2 a locking read that waited for a merge or an unmerge
     * (which moves the identity to another customer) skips the row, as it no longer joins the customer it first
     * saw: read again rather than take a known sender for a new one. Each repetition waits for one more concurrent
     * move at most.
     */
    private Optional<Identity> lockIdentity(IdentityKey key) {
        for (int attempt = 1; ; attempt++) {
            Optional<Identity> locked = identities.findByKeyForUpdate(key.type(), key.value());
            if (locked.isPresent() || attempt == 20 || !identities.existsByKey(key.type(), key.value())) {
                return locked;
            }
        }
    }

    /**
     * WhatsApp and phone identities are both E.164 numbers: the identity of the other kind with the same number,
     * which names the same person.
     */
    static Optional<IdentityKey> sameNumber(IdentityKey key) {
        return switch (key.type()) {
            case WHATSAPP -> Optional.of(new IdentityKey(Channel.PHONE, key.value()));
            case PHONE -> Optional.of(new IdentityKey(Channel.WHATSAPP, key.value()));
            default -> Optional.empty();
        };
    }

    @Transactional
    public CustomerProfile create(String displayName, List<IdentityInput> identityInputs) {
        if (displayName == null || displayName.isBlank()) {
            throw new InvalidInputException("name is required");
        }
        if (displayName.length() > 200) {
            throw new InvalidInputException("name must be at most 200 characters");
        }
        Map<IdentityKey, String> keys = new LinkedHashMap<>();
        for (IdentityInput input : identityInputs == null ? List.<IdentityInput>of() : identityInputs) {
            IdentityKey key = normalizer.normalize(input.type(), input.value());
            identities.findByKey(key.type(), key.value()).ifPresent(i -> {
                throw new InvalidInputException("identity " + key + " belongs to customer " + i.customerId());
            });
            keys.putIfAbsent(key, input.value().strip());
        }
        Customer customer = new Customer(displayName.strip(), Instant.now());
        keys.forEach(customer::addIdentity);
        customers.save(customer);
        audit.record("customer.created", "customer", customer.getId(), displayName.strip());
        return CustomerProfile.of(customer);
    }

    /** Customers whose name contains the text or who have an identity starting with it. */
    public List<CustomerProfile> search(String text, int limit) {
        if (text == null || text.isBlank()) {
            return customers.findRecentlySeen(Limit.of(limit)).stream().map(CustomerProfile::of).toList();
        }
        String q = text.strip();
        Map<UUID, Customer> found = new LinkedHashMap<>();
        for (String candidate : identityCandidates(q)) {
            customers.searchByIdentityPrefix(escapeLike(candidate) + "%", Limit.of(limit))
                    .forEach(c -> found.putIfAbsent(c.getId(), c));
        }
        if (found.size() < limit) {
            customers.searchByName("%" + escapeLike(q.toLowerCase(Locale.ROOT)) + "%", Limit.of(limit))
                    .forEach(c -> found.putIfAbsent(c.getId(), c));
        }
        return found.values().stream().limit(limit).map(CustomerProfile::of).toList();
    }

    /** The forms an identity search term may be stored in: as typed, lower case, without '@', E.164. */
    private Set<String> identityCandidates(String q) {
        Set<String> candidates = new java.util.LinkedHashSet<>();
        String lower = q.toLowerCase(Locale.ROOT);
        candidates.add(lower.startsWith("@") ? lower.substring(1) : lower);
        if (q.matches("[+()\\d\\s./-]{5,}")) {
            try {
                candidates.add(normalizer.normalize(Channel.PHONE, q).value());
            } catch (InvalidInputException notAPhoneNumber) {
                // searched for digits that are no phone number: the other forms still apply
            }
        }
        candidates.removeIf(String::isBlank);
        return candidates;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public Map<UUID, String> names(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return customers.findNames(ids);
    }

    public long count() {
        return customers.count();
    }

    @Transactional
    public CustomerProfile update(UUID id, String displayName, String company, String notes) {
        if (displayName == null || displayName.isBlank()) {
            throw new InvalidInputException("name is required");
        }
        Customer customer = load(id);
        customer.rename(displayName.strip());
        customer.describe(blankToNull(company), blankToNull(notes));
        audit.record("customer.updated", "customer", customer.getId(), displayName.strip());
        publishChanged("profile", customer.getId());
        return CustomerProfile.of(customer);
    }

    @Transactional
    public CustomerProfile setAttribute(UUID id, String key, String value) {
        checkAttribute(key, value);
        Customer customer = load(id);
        customer.putAttribute(key.strip(), value == null ? null : value.strip());
        audit.record("customer.attribute", "customer", customer.getId(), key.strip() + "=" + value);
        publishChanged("attributes", customer.getId());
        return CustomerProfile.of(customer);
    }

    /**
     * Several attributes at once, e.g. from a CRM: merged into the customer's (a null or blank value removes
     * one), or with {@code replace} the customer's whole set. All are checked before any is written.
     */
    @Transactional
    public CustomerProfile setAttributes(UUID id, Map<String, String> values, boolean replace) {
        if (values.size() > MAX_ATTRIBUTES) {
            throw new InvalidInputException("at most " + MAX_ATTRIBUTES + " attributes at once");
        }
        values.forEach(CustomerDirectory::checkAttribute);
        Customer customer = load(id);
        java.util.Map<String, String> before = new java.util.TreeMap<>(customer.getAttributes());
        if (replace) {
            before.keySet().stream().filter(k -> !values.containsKey(k)).toList()
                    .forEach(k -> customer.putAttribute(k, null));
        }
        values.forEach((k, v) -> customer.putAttribute(k.strip(), v == null ? null : v.strip()));
        java.util.Map<String, String> after = new java.util.TreeMap<>(customer.getAttributes());
        if (!before.equals(after)) {
            audit.record("customer.attributes", "customer", customer.getId(), (replace ? "replaced: " : "merged: ")
                    + after.keySet());
            publishChanged("attributes", customer.getId());
        }
        return CustomerProfile.of(customer);
    }

    private static void checkAttribute(String key, String value) {
        if (key == null || key.isBlank() || key.length() > MAX_ATTRIBUTE_KEY
                || !key.strip().matches("[A-Za-z0-9_.-]+")) {
            throw new InvalidInputException("attribute name must be 1-100 letters, digits, '_', '.' or '-': " + key);
        }
        if (value != null && value.length() > 1000) {
            throw new InvalidInputException("attribute value must be at most 1000 characters (" + key + ")");
        }
    }

    @Transactional
    public CustomerProfile addIdentity(UUID id, Channel type, String rawValue) {
        IdentityKey key = normalizer.normalize(type, rawValue);
        Customer customer = load(id);
        Optional<Identity> existing = identities.findByKey(key.type(), key.value());
        if (existing.isPresent()) {
            UUID owner = existing.get().customerId();
            if (owner.equals(customer.getId())) {
                return CustomerProfile.of(customer);
            }
            throw new InvalidInputException("identity " + key + " belongs to another customer; merge the two instead");
        }
        customer.addIdentity(key, rawValue.strip());
        audit.record("customer.identity.added", "customer", customer.getId(), key.toString());
        publishChanged("identities", customer.getId());
        return CustomerProfile.of(customer);
    }

    @Transactional
    public CustomerProfile removeIdentity(UUID id, UUID identityId) {
        Customer customer = load(id);
        Identity identity = customer.getIdentities().stream().filter(i -> i.getId().equals(identityId))
                .findFirst().orElseThrow(() -> new NotFoundException("identity " + identityId));
        customer.removeIdentity(identity);
        identities.delete(identity);
        audit.record("customer.identity.removed", "customer", customer.getId(), identity.key().toString());
        publishChanged("identities", customer.getId());
        return CustomerProfile.of(customer);
    }

    /** On the spine, for modules that follow customers after the commit (the search, open screens). */
    private void publishChanged(String what, UUID... customerIds) {
        Instant now = Instant.now();
        for (UUID customerId : customerIds) {
            spine.publish(new CustomerChanged(customerId, what, now));
        }
    }

    /**
     * Merges {@code absorbedId} into {@code survivorId}: identities, attributes the survivor lacks and
     * (through {@link CustomersMerged}) conversations move over; the absorbed record becomes a
     * tombstone pointing to the survivor.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
    public CustomerProfile merge(UUID survivorId, UUID absorbedId) {
        return once(() -> mergeOnce(survivorId, absorbedId));
    }

    private CustomerProfile mergeOnce(UUID survivorId, UUID absorbedId) {
        Customer survivor = load(survivorId);
        Customer absorbed = load(absorbedId);
        if (survivor.getId().equals(absorbed.getId())) {
            throw new InvalidInputException("a customer cannot be merged with itself");
        }
        String absorbedName = absorbed.getDisplayName();
        CustomerMerge record = merges.save(new CustomerMerge(survivor, absorbed, Instant.now(), audit.currentActor()));
        survivor.absorb(absorbed);
        seenTimes.write(List.of(survivor));
        customers.flush();
        events.publishEvent(new CustomersMerged(survivor.getId(), absorbed.getId(), record.getId()));
        publishChanged("merged", survivor.getId(), absorbed.getId());
        audit.record("customer.merged", "customer", survivor.getId(),
                "merged " + absorbed.getId() + " (" + absorbedName + ") into " + survivor.getId() + " ("
                        + survivor.getDisplayName() + ")");
        return CustomerProfile.of(survivor);
    }

    /** A merge into a customer, newest first: who was absorbed, when, by whom, and whether it was undone. */
    public record MergeRecord(UUID id, UUID survivorId, UUID absorbedId, String absorbedName, Instant mergedAt,
            String mergedBy, Instant unmergedAt, String unmergedBy) {

        public boolean undone() {
            return unmergedAt != null;
        }
    }

    /** The merges into this customer (the one a merged id leads to), newest first. */
    public List<MergeRecord> mergesInto(UUID customerId) {
        Customer survivor = load(customerId);
        List<CustomerMerge> found = merges.findBySurvivorIdOrderByMergedAtDescIdDesc(survivor.getId());
        Map<UUID, String> names = customers.findAllById(found.stream().map(CustomerMerge::getAbsorbedId).toList())
                .stream().collect(Collectors.toMap(Customer::getId, Customer::getDisplayName));
        return found.stream().map(m -> new MergeRecord(m.getId(), m.getSurvivorId(), m.getAbsorbedId(),
                names.getOrDefault(m.getAbsorbedId(), "?"), m.getMergedAt(), m.getMergedBy(), m.getUnmergedAt(),
                m.getUnmergedBy())).toList();
    }

    /**
     * Undoes a merge: the absorbed customer is its own customer again with its identities and attributes, and
     * (through {@link CustomersUnmerged}) the conversations the merge moved go back to it. What was added to
     * either customer since the merge stays where it is.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
    public CustomerProfile unmerge(UUID mergeId) {
        return once(() -> unmergeOnce(mergeId));
    }

    /**
     * A merge or its undoing in its own transaction, run again when it met a lock conflict with the customers'
     * messages arriving meanwhile (the database chose it as a deadlock's victim) instead of failing the agent's
     * click; inside a caller's transaction it joins that one, which then owns the retry.
     */
    private CustomerProfile once(java.util.function.Supplier<CustomerProfile> change) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
            return change.get();
        }
        return AGAIN_ON_CONFLICT.invoke(() -> transactions.execute(status -> change.get()));
    }

    private CustomerProfile unmergeOnce(UUID mergeId) {
        CustomerMerge merge = merges.findById(mergeId).orElseThrow(() -> new NotFoundException("merge " + mergeId));
        if (merge.isUndone()) {
            throw new InvalidInputException("this merge was undone already");
        }
        Customer survivor = customers.findById(merge.getSurvivorId())
                .orElseThrow(() -> new NotFoundException("customer " + merge.getSurvivorId()));
        Customer absorbed = customers.findById(merge.getAbsorbedId())
                .orElseThrow(() -> new NotFoundException("customer " + merge.getAbsorbedId()));
        if (survivor.isMerged()) {
            throw new InvalidInputException(survivor.getDisplayName()
                    + " was merged into another customer since; undo that merge first");
        }
        if (survivor.isErased() || absorbed.isErased()) {
            throw new InvalidInputException("an erased customer cannot be unmerged");
        }
        if (!survivor.getId().equals(absorbed.getMergedInto())) {
            throw new InvalidInputException(absorbed.getDisplayName() + " is no longer merged into "
                    + survivor.getDisplayName());
        }
        survivor.release(absorbed, merge);
        seenTimes.write(List.of(survivor));
        merge.undone(Instant.now(), audit.currentActor());
        customers.flush();
        events.publishEvent(new CustomersUnmerged(merge.getId(), survivor.getId(), absorbed.getId()));
        publishChanged("unmerged", survivor.getId(), absorbed.getId());
        audit.record("customer.unmerged", "customer", survivor.getId(), "split " + absorbed.getId() + " ("
                + absorbed.getDisplayName() + ") from " + survivor.getId() + " (" + survivor.getDisplayName() + ")");
        return CustomerProfile.of(absorbed);
    }

    /**
     * Erases a customer on request (right to erasure): name, company, notes, attributes and identities are
     * removed; the record stays as a tombstone so the audit trail and statistics still add up. So are the
     * records merged into it, and what their merges remembered for undoing them. The customer's messages are
     * erased by the modules that hold them, on {@link CustomerErased}.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public void erase(UUID id, String reason) {
        AGAIN_ON_CONFLICT.invoke(() -> transactions.executeWithoutResult(status -> eraseOnce(id, reason)));
    }

    private void eraseOnce(UUID id, String reason) {
        Customer customer = load(id);
        if (customer.isErased()) {
            throw new InvalidInputException("customer " + id + " is erased already");
        }
        List<Identity> held = List.copyOf(customer.getIdentities());
        int attributes = customer.getAttributes().size();
        Instant now = Instant.now();
        // the records merged into this one still hold their names, notes and (in other modules) data
        List<Customer> erased = new ArrayList<>(List.of(customer));
        for (int i = 0; i < erased.size(); i++) {
            erased.addAll(customers.findByMergedInto(erased.get(i).getId()));
        }
        // what the person was known by, to take it out of the audit trail too (before the records forget it)
        Set<String> known = new java.util.LinkedHashSet<>();
        for (Customer c : erased) {
            known.add(c.getDisplayName());
            known.add(c.getCompany());
            known.add(c.getNotes());
            known.addAll(c.getAttributes().values());
            c.getIdentities().forEach(identity -> {
                known.add(identity.getValue());
                known.add(identity.getDisplayValue());
            });
            c.erase(now);
        }
        identities.deleteAll(held);
        List<UUID> erasedIds = erased.stream().map(Customer::getId).toList();
        merges.deleteAll(merges.findBySurvivorIdIn(erasedIds));
        customers.flush();
        erasedIds.forEach(erasedId -> events.publishEvent(new CustomerErased(erasedId)));
        // after the modules forgot the events about them: what a follower was applying meanwhile, from data read
        // before the erasure, is set right by the follower itself once this commits (the id is no personal data)
        publishChanged("erased", erasedIds.toArray(UUID[]::new));
        ErasedAuditDetails redaction = new ErasedAuditDetails(known);
        audit.redactDetails(erasedIds, redaction);
        audit.record("customer.erased", "customer", customer.getId(), held.size() + " identities, " + attributes
                + " attributes removed" + (reason == null || reason.isBlank() ? "" : "; reason: "
                + redaction.scrub(reason.strip())));
    }

    private Customer load(UUID id) {
        Customer customer = customers.findById(id).orElseThrow(() -> new NotFoundException("customer " + id));
        int hops = 0;
        while (customer.getMergedInto() != null && hops++ < 20) {
            UUID next = customer.getMergedInto();
            customer = customers.findById(next).orElseThrow(() -> new NotFoundException("customer " + next));
        }
        return customer;
    }

    private static String nameOrFallback(String displayName, IdentityKey key) {
        if (displayName != null && !displayName.isBlank()) {
            String name = displayName.strip();
            return name.length() > 200 ? name.substring(0, 200) : name;
        }
        return key.value();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** An identity as typed by an agent or an API client, before normalisation. */
    public record IdentityInput(Channel type, String value) {
    }
}
