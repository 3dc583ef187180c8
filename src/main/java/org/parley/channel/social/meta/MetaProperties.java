package org.parley.channel.social.meta;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code parley.channels.meta.*}: the Meta app (Facebook Pages, Instagram) whose webhooks Parley receives.
 *
 * @param appSecret the app secret: verifies {@code X-Hub-Signature-256}; without it every POST is refused
 * @param verifyToken the token Meta's subscription handshake must present
 * @param graphBaseUrl where the Graph API is (tests point it at a stub)
 * @param graphVersion the Graph API version in request paths
 * @param maxBodySize webhook bodies over this are refused with 413
 * @param pages pages / Instagram accounts declared as code (read-only in the admin view)
 */
@ConfigurationProperties("parley.channels.meta")
public record MetaProperties(String appSecret, String verifyToken,
        @DefaultValue("https://graph.facebook.com") String graphBaseUrl,
        @DefaultValue("v21.0") String graphVersion,
        @DefaultValue("1MB") DataSize maxBodySize,
        List<Page> pages) {

    public MetaProperties {
        pages = pages == null ? List.of() : List.copyOf(pages);
    }

    /** A Facebook Page or Instagram professional account id and its (page) access token. */
    public record Page(String id, String accessToken) {
    }
}
