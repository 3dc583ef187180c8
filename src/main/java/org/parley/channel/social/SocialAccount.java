package org.parley.channel.social;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.parley.base.AbstractEntity;

/** A social account connected in the admin UI; its access token is stored encrypted. */
@Entity
@Table(name = "social_account")
public class SocialAccount extends AbstractEntity {

    @Enumerated(EnumType.STRING)
    @Column(name = "network", nullable = false, length = 20)
    private SocialNetwork network;

    @Column(name = "account_id", nullable = false, length = 100)
    private String accountId;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "access_token_encrypted", length = 4000)
    private String accessTokenEncrypted;

    @Column(name = "enabled", nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected SocialAccount() {
    }

    SocialAccount(SocialNetwork network, String accountId, String name, String accessTokenEncrypted) {
        this.network = network;
        this.accountId = accountId;
        this.name = name;
        this.accessTokenEncrypted = accessTokenEncrypted;
    }

    public SocialNetwork getNetwork() {
        return network;
    }

    public String getAccountId() {
        return accountId;
    }

    public String getName() {
        return name;
    }

    String getAccessTokenEncrypted() {
        return accessTokenEncrypted;
    }

    public boolean isEnabled() {
        return enabled;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
