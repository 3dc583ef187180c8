package org.parley.customer;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.parley.base.AbstractEntity;

/**
 * The person behind messages on any channel. After a merge the absorbed record stays as a tombstone
 * whose {@code mergedInto} points to the survivor.
 */
@Entity
@Table(name = "customer")
public class Customer extends AbstractEntity {

    /** The name an erased customer shows under. */
    public static final String ERASED_NAME = "Erased customer";


    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "company", length = 200)
    private String company;

    @Column(name = "notes", length = 4000)
    private String notes;

    // moved by every message of the customer (seenAt) and written by SeenTimes, in one statement for a batch of
    // customers: never by an update of the entity, so they neither bump the version (a concurrent merge, unmerge or
    // profile edit does not fail on them) nor can such an edit write an older time back
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at", updatable = false)
    private Instant lastSeenAt;

    @Column(name = "merged_into")
    private UUID mergedInto;

    @Column(name = "erased_at")
    private Instant erasedAt;

    @ElementCollection
    @CollectionTable(name = "customer_attribute", joinColumns = @JoinColumn(name = "customer_id"))
    @MapKeyColumn(name = "attr_key", length = 100)
    @Column(name = "attr_value", length = 1000)
    private Map<String, String> attributes = new TreeMap<>();

    // no orphanRemoval: on merge an identity moves to another customer and must not be deleted
    @OneToMany(mappedBy = "customer", cascade = CascadeType.ALL)
    @OrderBy("type, value")
    private List<Identity> identities = new ArrayList<>();

    protected Customer() {
    }

    Customer(String displayName, Instant createdAt) {
        this.displayName = displayName;
        this.createdAt = createdAt;
        this.lastSeenAt = createdAt;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getFirstName() {
        String trimmed = displayName.trim();
        int space = trimmed.indexOf(' ');
        return space > 0 ? trimmed.substring(0, space) : trimmed;
    }

    public String getCompany() {
        return company;
    }

    public String getNotes() {
        return notes;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    public UUID getMergedInto() {
        return mergedInto;
    }

    public boolean isMerged() {
        return mergedInto != null;
    }

    public Instant getErasedAt() {
        return erasedAt;
    }

    public boolean isErased() {
        return erasedAt != null;
    }

    /** Forgets who the customer is: what is left is a tombstone that says when. */
    void erase(Instant at) {
        displayName = ERASED_NAME;
        company = null;
        notes = null;
        attributes.clear();
        identities.clear();
        erasedAt = at;
    }

    public Map<String, String> getAttributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public List<Identity> getIdentities() {
        return Collections.unmodifiableList(identities);
    }

    void rename(String displayName) {
        this.displayName = displayName;
    }

    void describe(String company, String notes) {
        this.company = company;
        this.notes = notes;
    }

    void putAttribute(String key, String value) {
        if (value == null || value.isBlank()) {
            attributes.remove(key);
        } else {
            attributes.put(key, value);
        }
    }

    /** Records a message of the customer at this time; true when that moved the first or last seen time. */
    boolean seenAt(Instant when) {
        boolean moved = false;
        if (lastSeenAt == null || when.isAfter(lastSeenAt)) {
            lastSeenAt = when;
            moved = true;
        }
        if (when.isBefore(createdAt)) {
            createdAt = when;
            moved = true;
        }
        return moved;
    }

    Identity addIdentity(IdentityKey key, String displayValue) {
        Identity identity = new Identity(this, key.type(), key.value(), displayValue);
        identities.add(identity);
        return identity;
    }

    void removeIdentity(Identity identity) {
        identities.remove(identity);
    }

    /**
     * Undoes {@link #absorb} as far as nothing was changed since: the identities go back to {@code other},
     * attributes, company and notes that came from it leave this customer, and {@code other} is its own
     * customer again.
     */
    void release(Customer other, CustomerMerge merge) {
        List<UUID> moved = merge.movedIdentityIds();
        for (Identity identity : List.copyOf(identities)) {
            if (moved.contains(identity.getId())) {
                identities.remove(identity);
                identity.moveTo(other);
                other.identities.add(identity);
            }
        }
        Map<String, String> before = merge.survivorAttributes();
        merge.absorbedAttributes().forEach((key, value) -> {
            if (!before.containsKey(key) && value.equals(attributes.get(key))) {
                attributes.remove(key);
            }
            other.attributes.putIfAbsent(key, value);
        });
        boolean companyTaken = (merge.getSurvivorCompany() == null || merge.getSurvivorCompany().isBlank())
                && company != null && company.equals(other.company);
        if (companyTaken) {
            company = merge.getSurvivorCompany();
        }
        String notesBefore = merge.getSurvivorNotes();
        if (other.notes != null && !other.notes.isBlank() && notes != null) {
            String merged = notesBefore == null || notesBefore.isBlank() ? other.notes : notesBefore + "\n" + other.notes;
            if (notes.equals(merged)) {
                notes = notesBefore;
            }
        }
        if (createdAt.equals(other.createdAt) && merge.getSurvivorCreatedAt().isAfter(createdAt)) {
            createdAt = merge.getSurvivorCreatedAt();
        }
        other.mergedInto = null;
    }

    /** Moves everything of {@code other} that the survivor lacks onto this customer. */
    void absorb(Customer other) {
        for (Identity identity : List.copyOf(other.identities)) {
            other.identities.remove(identity);
            identity.moveTo(this);
            identities.add(identity);
        }
        other.attributes.forEach(attributes::putIfAbsent);
        other.attributes.clear();
        if (company == null || company.isBlank()) {
            company = other.company;
        }
        if (other.notes != null && !other.notes.isBlank()) {
            notes = notes == null || notes.isBlank() ? other.notes : notes + "\n" + other.notes;
        }
        if (other.createdAt.isBefore(createdAt)) {
            createdAt = other.createdAt;
        }
        if (other.lastSeenAt != null) {
            seenAt(other.lastSeenAt);
        }
        other.mergedInto = getId();
    }
}
