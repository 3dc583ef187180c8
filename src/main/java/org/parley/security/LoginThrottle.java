package org.parley.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address in a sliding window and says when to refuse
 * further attempts, so passwords cannot be guessed by trying many. Counts live in memory per node (a
 * guesser spread over nodes still meets each node's limit); a successful sign-in clears the account's count.
 */
@Component
public class LoginThrottle {

    /** Remembered keys at most; beyond this the oldest windows are dropped first. */
    private static final int MAX_KEYS = 100_000;

    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(@Value("${parley.security.login.max-failures-per-account:5}") int maxPerAccount,
            @Value("${parley.security.login.max-failures-per-address:20}") int maxPerAddress,
            @Value("${parley.security.login.lockout:15m}") Duration window) {
        this(maxPerAccount, maxPerAddress, window, Clock.systemUTC());
    }

    LoginThrottle(int maxPerAccount, int maxPerAddress, Duration window, Clock clock) {
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** How long the account or address must wait before trying again, or zero when it may try now. */
    public Duration retryAfter(String username, String address) {
        Instant now = clock.instant();
        Duration account = waitFor(accountKey(username), maxPerAccount, now);
        Duration origin = address == null ? Duration.ZERO : waitFor(addressKey(address), maxPerAddress, now);
        return account.compareTo(origin) >= 0 ? account : origin;
    }

    /** What is paused — {@code account <name>} or {@code address <address>} — or null when nothing is. */
    public String pausedBy(String username, String address) {
        Instant now = clock.instant();
        Duration account = waitFor(accountKey(username), maxPerAccount, now);
        Duration origin = address == null ? Duration.ZERO : waitFor(addressKey(address), maxPerAddress, now);
        if (account.isZero() && origin.isZero()) {
            return null;
        }
        return account.compareTo(origin) >= 0 ? accountKey(username).replace(':', ' ') : addressKey(address).replace(':', ' ');
    }

    /** The sliding window: how long failures count (and so the longest pause). */
    public Duration window() {
        return window;
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.entrySet().removeIf(e -> expired(e.getValue(), now));
        }
        add(accountKey(username), now);
        if (address != null) {
            add(addressKey(address), now);
        }
    }

    public void succeeded(String username) {
        failures.remove(accountKey(username));
    }

    private Duration waitFor(String key, int max, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < max) {
                return Duration.ZERO;
            }
            // the window slides: the attempt that pushed it over the limit must age out first
            Instant oldestCounted = times.stream().skip(times.size() - max).findFirst().orElse(now);
            Duration wait = Duration.between(now, oldestCounted.plus(window));
            return wait.isNegative() ? Duration.ZERO : wait;
        }
    }

    private void add(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
    }

    private boolean expired(Deque<Instant> times, Instant now) {
        synchronized (times) {
            prune(times, now);
            return times.isEmpty();
        }
    }

    private static String accountKey(String username) {
        return "account:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
