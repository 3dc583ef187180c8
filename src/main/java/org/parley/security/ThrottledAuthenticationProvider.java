package org.parley.security;

import java.time.Duration;
import org.parley.audit.AuditTrail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in with a brake: after too many failures for an account or from an address, further
 * attempts are refused before the password is even checked. Every sign-in, failed sign-in and refusal is
 * written to the audit trail with the address it came from.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final AuditTrail audit;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle, AuditTrail audit) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        String username = request.getName();
        String address = request.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        Duration wait = throttle.retryAfter(username, address);
        if (!wait.isZero()) {
            // one entry per paused account or address and window, however often it is tried (and with whatever
            // user names): the count grows instead of the trail
            String paused = throttle.pausedBy(username, address);
            String what = paused == null ? "account " + username : paused;
            audit.recordCoalesced(username, "login.throttled", "agent", what, throttle.window(),
                    count -> "refused: " + what + " is paused; " + count + (count == 1 ? " attempt" : " attempts")
                            + " in this window");
            throw new LockedException("Too many failed sign-ins. Try again in " + minutes(wait) + ".");
        }
        try {
            Authentication result = passwords.authenticate(request);
            throttle.succeeded(username);
            audit.recordAs(username, "login", "agent", null, "signed in");
            return result;
        } catch (AuthenticationException e) {
            throttle.failed(username, address);
            audit.recordAs(username, "login.failed", "agent", null, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String minutes(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }
}
