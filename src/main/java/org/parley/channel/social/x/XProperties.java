package org.parley.channel.social.x;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code parley.channels.x.*}: the X app whose Account Activity webhook Parley receives.
 *
 * @param consumerSecret the app's consumer (API key) secret: CRC answers and signature checks
 * @param apiBaseUrl where the X API is (tests point it at a stub)
 * @param maxBodySize webhook bodies over this are refused with 413
 * @param accounts X accounts declared as code (read-only in the admin view)
 */
@ConfigurationProperties("parley.channels.x")
public record XProperties(String consumerSecret,
        @DefaultValue("https://api.x.com") String apiBaseUrl,
        @DefaultValue("1MB") DataSize maxBodySize,
        List<Account> accounts) {

    public XProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** A connected X account: its numeric user id and a user-context OAuth 2.0 access token. */
    public record Account(String userId, String accessToken) {
    }
}
