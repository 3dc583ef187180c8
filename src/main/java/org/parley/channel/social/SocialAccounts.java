package org.parley.channel.social;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.parley.audit.AuditTrail;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.channel.secrets.SecretCipher;
import org.parley.channel.social.meta.MetaProperties;
import org.parley.channel.social.whatsapp.WhatsAppProperties;
import org.parley.channel.social.x.XProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The social accounts Parley answers for: declared in properties ({@code parley.channels.meta.pages},
 * {@code parley.channels.x.accounts}; read-only) or connected in the admin view (stored, token encrypted).
 * Webhook events for any other account are acknowledged and ignored. Also keeps each account's status
 * (last event, last error, messages today) on this node.
 */
@Service
public class SocialAccounts {

    private static final java.util.regex.Pattern ACCOUNT_ID = java.util.regex.Pattern.compile("^[0-9A-Za-z_.-]{1,100}$");

    private final SocialAccountRepository accounts;
    private final SecretCipher cipher;
    private final MetaProperties meta;
    private final XProperties x;
    private final WhatsAppProperties whatsApp;
    private final AuditTrail audit;
    private final Clock clock;
    private final ConcurrentMap<String, MutableStatus> status = new ConcurrentHashMap<>();

    public SocialAccounts(SocialAccountRepository accounts, SecretCipher cipher, MetaProperties meta, XProperties x,
            AuditTrail audit) {
        this(accounts, cipher, meta, x, WhatsAppProperties.none(), audit);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public SocialAccounts(SocialAccountRepository accounts, SecretCipher cipher, MetaProperties meta, XProperties x,
            WhatsAppProperties whatsApp, AuditTrail audit) {
        this.whatsApp = whatsApp;
        this.accounts = accounts;
        this.audit = audit;
        this.cipher = cipher;
        this.meta = meta;
        this.x = x;
        this.clock = Clock.systemUTC();
    }

    /** An account Parley receives events for and can send from. */
    public record Connected(UUID id, SocialNetwork network, String accountId, String name, boolean declared,
            boolean enabled, boolean hasToken) {
    }

    /** What happened on an account lately, on this node. */
    public record Status(Instant lastEventAt, Instant lastErrorAt, String lastError, long messagesToday) {

        static final Status NONE = new Status(null, null, null, 0);
    }

    /** Every account, declared ones first. */
    @Transactional(readOnly = true)
    public List<Connected> list() {
        List<Connected> all = new ArrayList<>();
        meta.pages().stream().filter(p -> p.id() != null && !p.id().isBlank()).forEach(p -> all.add(
                new Connected(null, SocialNetwork.META, p.id().strip(), "Page " + p.id().strip(), true, true,
                        p.accessToken() != null && !p.accessToken().isBlank())));
        x.accounts().stream().filter(a -> a.userId() != null && !a.userId().isBlank()).forEach(a -> all.add(
                new Connected(null, SocialNetwork.X, a.userId().strip(), "X user " + a.userId().strip(), true, true,
                        a.accessToken() != null && !a.accessToken().isBlank())));
        whatsApp.numbers().forEach(n -> all.add(new Connected(null, SocialNetwork.WHATSAPP, n.phoneNumberId(),
                "WhatsApp number " + n.phoneNumberId(), true, true, n.hasToken())));
        accounts.findAllByOrderByNetworkAscNameAsc().forEach(a -> all.add(view(a)));
        return all;
    }

    /** Whether events for this account are taken in: declared, or connected in the UI and enabled. */
    @Transactional(readOnly = true)
    public boolean isConnected(SocialNetwork network, String accountId) {
        if (accountId == null || accountId.isBlank()) {
            return false;
        }
        String id = accountId.strip();
        if (declaredToken(network, id).isPresent() || isDeclared(network, id)) {
            return true;
        }
        return accounts.findByNetworkAndAccountId(network, id).map(SocialAccount::isEnabled).orElse(false);
    }

    /** The access token to send from the account, if it is connected, enabled and has one. */
    @Transactional(readOnly = true)
    public Optional<String> accessToken(SocialNetwork network, String accountId) {
        if (accountId == null || accountId.isBlank()) {
            return Optional.empty();
        }
        Optional<String> declared = declaredToken(network, accountId.strip());
        if (declared.isPresent()) {
            return declared;
        }
        return accounts.findByNetworkAndAccountId(network, accountId.strip()).filter(SocialAccount::isEnabled)
                .map(SocialAccount::getAccessTokenEncrypted).map(encrypted -> cipher.decrypt(encrypted));
    }

    @Transactional
    public Connected connect(SocialNetwork network, String accountId, String name, String accessToken) {
        if (network == null) {
            throw new InvalidInputException("network is required");
        }
        if (network == SocialNetwork.WHATSAPP) {
            throw new InvalidInputException("WhatsApp numbers are declared in parley.channels.whatsapp.numbers");
        }
        String id = accountId == null ? "" : accountId.strip();
        if (!ACCOUNT_ID.matcher(id).matches()) {
            throw new InvalidInputException("account id must be 1-100 letters, digits, '_', '.' or '-'");
        }
        String label = name == null || name.isBlank() ? id : name.strip();
        if (label.length() > 200) {
            throw new InvalidInputException("name must be at most 200 characters");
        }
        if (accessToken == null || accessToken.isBlank()) {
            throw new InvalidInputException("access token is required");
        }
        if (accessToken.strip().length() > 2000) {
            throw new InvalidInputException("access token must be at most 2000 characters");
        }
        if (isDeclared(network, id) || accounts.findByNetworkAndAccountId(network, id).isPresent()) {
            throw new InvalidInputException(network.label() + " account " + id + " is already connected");
        }
        SocialAccount saved = accounts.save(new SocialAccount(network, id, label, cipher.encrypt(accessToken.strip())));
        audit.record("social.account.connected", "social_account", saved.getId(), network.label() + " " + id + " (" + label + ")");
        return view(saved);
    }

    @Transactional
    public void setEnabled(UUID id, boolean enabled) {
        SocialAccount account = accounts.findById(id).orElseThrow(() -> new NotFoundException("social account " + id));
        account.setEnabled(enabled);
        audit.record(enabled ? "social.account.enabled" : "social.account.disabled", "social_account", id,
                account.getNetwork().label() + " " + account.getAccountId());
    }

    @Transactional
    public void remove(UUID id) {
        SocialAccount account = accounts.findById(id).orElseThrow(() -> new NotFoundException("social account " + id));
        accounts.delete(account);
        audit.record("social.account.removed", "social_account", id,
                account.getNetwork().label() + " " + account.getAccountId());
        status.remove(key(account.getNetwork(), account.getAccountId()));
    }

    public Status status(SocialNetwork network, String accountId) {
        MutableStatus s = status.get(key(network, accountId));
        return s == null ? Status.NONE : s.snapshot(today());
    }

    /** An event for the account was received; {@code storedMessage} when it became a new message. */
    public void recordEvent(SocialNetwork network, String accountId, boolean storedMessage) {
        status.computeIfAbsent(key(network, accountId), k -> new MutableStatus()).event(clock.instant(), today(),
                storedMessage);
    }

    public void recordError(SocialNetwork network, String accountId, String error) {
        status.computeIfAbsent(key(network, accountId), k -> new MutableStatus()).error(clock.instant(), error);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private boolean isDeclared(SocialNetwork network, String id) {
        return switch (network) {
            case META -> meta.pages().stream().anyMatch(p -> id.equals(strip(p.id())));
            case X -> x.accounts().stream().anyMatch(a -> id.equals(strip(a.userId())));
            case WHATSAPP -> whatsApp.numbers().stream().anyMatch(n -> id.equals(n.phoneNumberId()));
        };
    }

    private Optional<String> declaredToken(SocialNetwork network, String id) {
        return switch (network) {
            case META -> meta.pages().stream().filter(p -> id.equals(strip(p.id()))).map(MetaProperties.Page::accessToken)
                    .filter(t -> t != null && !t.isBlank()).findFirst();
            case X -> x.accounts().stream().filter(a -> id.equals(strip(a.userId()))).map(XProperties.Account::accessToken)
                    .filter(t -> t != null && !t.isBlank()).findFirst();
            case WHATSAPP -> whatsApp.numbers().stream().filter(n -> id.equals(n.phoneNumberId()))
                    .filter(WhatsAppProperties.PhoneNumber::hasToken).map(WhatsAppProperties.PhoneNumber::accessToken)
                    .map(String::strip).findFirst();
        };
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static Connected view(SocialAccount a) {
        return new Connected(a.getId(), a.getNetwork(), a.getAccountId(), a.getName(), false, a.isEnabled(),
                a.getAccessTokenEncrypted() != null);
    }

    private static String key(SocialNetwork network, String accountId) {
        return network + ":" + accountId;
    }

    private static final class MutableStatus {
        private Instant lastEventAt;
        private Instant lastErrorAt;
        private String lastError;
        private LocalDate day;
        private long messagesToday;

        synchronized void event(Instant at, LocalDate today, boolean stored) {
            lastEventAt = at;
            if (!today.equals(day)) {
                day = today;
                messagesToday = 0;
            }
            if (stored) {
                messagesToday++;
            }
        }

        synchronized void error(Instant at, String error) {
            lastErrorAt = at;
            lastError = error;
        }

        synchronized Status snapshot(LocalDate today) {
            return new Status(lastEventAt, lastErrorAt, lastError, today.equals(day) ? messagesToday : 0);
        }
    }
}
