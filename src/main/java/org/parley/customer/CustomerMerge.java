package org.parley.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.parley.base.AbstractEntity;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** One merge of two customers, with what it changed, so that it can be undone. */
@Entity
@Table(name = "customer_merge")
class CustomerMerge extends AbstractEntity {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Column(name = "survivor_id", nullable = false)
    private UUID survivorId;

    @Column(name = "absorbed_id", nullable = false)
    private UUID absorbedId;

    @Column(name = "merged_at", nullable = false)
    private Instant mergedAt;

    @Column(name = "merged_by", length = 200)
    private String mergedBy;

    @Column(name = "identity_ids", nullable = false)
    private String identityIds;

    @Column(name = "absorbed_attributes", nullable = false)
    private String absorbedAttributes;

    @Column(name = "survivor_attributes", nullable = false)
    private String survivorAttributes;

    @Column(name = "survivor_company", length = 200)
    private String survivorCompany;

    @Column(name = "survivor_notes", length = 4000)
    private String survivorNotes;

    @Column(name = "survivor_created_at", nullable = false)
    private Instant survivorCreatedAt;

    @Column(name = "unmerged_at")
    private Instant unmergedAt;

    @Column(name = "unmerged_by", length = 200)
    private String unmergedBy;

    protected CustomerMerge() {
    }

    /** Takes the snapshot: call before the survivor absorbs the other. */
    CustomerMerge(Customer survivor, Customer absorbed, Instant at, String by) {
        this.survivorId = survivor.getId();
        this.absorbedId = absorbed.getId();
        this.mergedAt = at;
        this.mergedBy = by;
        this.identityIds = String.join(",", absorbed.getIdentities().stream().map(i -> i.getId().toString()).toList());
        this.absorbedAttributes = JSON.writeValueAsString(absorbed.getAttributes());
        this.survivorAttributes = JSON.writeValueAsString(survivor.getAttributes());
        this.survivorCompany = survivor.getCompany();
        this.survivorNotes = survivor.getNotes();
        this.survivorCreatedAt = survivor.getCreatedAt();
    }

    UUID getSurvivorId() {
        return survivorId;
    }

    UUID getAbsorbedId() {
        return absorbedId;
    }

    Instant getMergedAt() {
        return mergedAt;
    }

    String getMergedBy() {
        return mergedBy;
    }

    List<UUID> movedIdentityIds() {
        return identityIds.isEmpty() ? List.of() : Arrays.stream(identityIds.split(",")).map(UUID::fromString).toList();
    }

    Map<String, String> absorbedAttributes() {
        return read(absorbedAttributes);
    }

    Map<String, String> survivorAttributes() {
        return read(survivorAttributes);
    }

    String getSurvivorCompany() {
        return survivorCompany;
    }

    String getSurvivorNotes() {
        return survivorNotes;
    }

    Instant getSurvivorCreatedAt() {
        return survivorCreatedAt;
    }

    Instant getUnmergedAt() {
        return unmergedAt;
    }

    String getUnmergedBy() {
        return unmergedBy;
    }

    boolean isUndone() {
        return unmergedAt != null;
    }

    void undone(Instant at, String by) {
        this.unmergedAt = at;
        this.unmergedBy = by;
    }

    private static Map<String, String> read(String json) {
        return new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() { }));
    }
}
