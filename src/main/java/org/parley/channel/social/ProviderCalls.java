package org.parley.channel.social;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.parley.channel.outbox.DeliveryException;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/** Calls a network's HTTP API and turns its failures into transient or permanent delivery failures. */
public final class ProviderCalls {

    private ProviderCalls() {
    }

    /** A RestClient for a provider's base URL with bounded connect and read times. */
    public static RestClient client(RestClient.Builder builder, String baseUrl, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(timeout);
        return builder.clone().baseUrl(baseUrl).requestFactory(factory).build();
    }

    /**
     * Runs one call: HTTP 429 and 5xx, timeouts and unreachable hosts are transient (the dispatcher retries);
     * any other 4xx is permanent (a retry would be refused the same way).
     */
    public static <T> T call(String provider, Supplier<T> request) throws DeliveryException {
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            String body = e.getResponseBodyAsString();
            if (body.length() > 500) {
                body = body.substring(0, 500) + "…";
            }
            String reason = provider + " answered " + status + (body.isBlank() ? "" : ": " + body);
            if (status == 429 || status >= 500) {
                throw DeliveryException.transientFailure(reason, e);
            }
            throw DeliveryException.permanentFailure(reason, e);
        } catch (ResourceAccessException e) {
            throw DeliveryException.transientFailure(provider + " could not be reached: " + e.getMessage(), e);
        }
    }
}
