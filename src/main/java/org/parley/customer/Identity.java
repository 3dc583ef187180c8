package org.parley.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.parley.base.AbstractEntity;
import org.parley.base.Channel;

/** One way to reach a customer: an email address, an E.164 phone number or a social handle. */
@Entity
@Table(name = "customer_identity")
public class Identity extends AbstractEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id", nullable = false)
    private Customer customer;

    @Enumerated(EnumType.STRING)
    @Column(name = "identity_type", nullable = false, length = 20)
    private Channel type;

    @Column(name = "identity_value", nullable = false, length = 320)
    private String value;

    @Column(name = "display_value", length = 320)
    private String displayValue;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected Identity() {
    }

    Identity(Customer customer, Channel type, String value, String displayValue) {
        this.customer = customer;
        this.type = type;
        this.value = value;
        this.displayValue = displayValue;
    }

    public Channel getType() {
        return type;
    }

    /** The normalised value, unique per type. */
    public String getValue() {
        return value;
    }

    /** The value as the customer or agent first wrote it. */
    public String getDisplayValue() {
        return displayValue == null ? value : displayValue;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public IdentityKey key() {
        return new IdentityKey(type, value);
    }

    UUID customerId() {
        return customer.getId();
    }

    void moveTo(Customer survivor) {
        this.customer = survivor;
    }
}
