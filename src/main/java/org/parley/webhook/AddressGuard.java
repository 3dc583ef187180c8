package org.parley.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.parley.base.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Keeps webhooks out of Parley's own network (SSRF): only http/https URLs, and none whose host is or resolves
 * to a loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local, multicast or unspecified
 * address — unless {@code parley.webhooks.allow-private-addresses=true}. Checked when subscribing and again
 * before every attempt, after DNS resolution (a name may resolve elsewhere later).
 */
@Component
class AddressGuard {

    private final boolean allowPrivate;

    @org.springframework.beans.factory.annotation.Autowired
    AddressGuard(WebhookProperties properties) {
        this(properties.allowPrivateAddresses());
    }

    AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /**
     * The URL, parsed, if Parley may send to it.
     *
     * @param resolveStrictly whether a host that does not resolve is refused (at send time) or let through
     *        (at subscribe time: it is checked again before every attempt)
     * @throws InvalidInputException why not
     */
    URI check(String url, boolean resolveStrictly) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException("url: not a valid URL");
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            throw new InvalidInputException("url: an absolute http or https URL is required");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException("url: only http and https URLs are allowed");
        }
        if (uri.getUserInfo() != null) {
            throw new InvalidInputException("url: credentials in the URL are not allowed");
        }
        if (allowPrivate) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            if (resolveStrictly) {
                throw new Unresolvable("url: host " + uri.getHost() + " does not resolve");
            }
            return uri;
        }
        for (InetAddress address : addresses) {
            if (forbidden(address)) {
                throw new InvalidInputException("url: " + uri.getHost() + " is (or resolves to) a loopback, private,"
                        + " link-local or multicast address, which webhooks may not reach");
            }
        }
        return uri;
    }

    static boolean forbidden(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local
            }
            boolean v4Mapped = true;
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return forbidden(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first == 10 || first == 127 || (first == 172 && second >= 16 && second <= 31)
                || (first == 192 && second == 168) || (first == 169 && second == 254) || first >= 224
                || (first == 100 && second >= 64 && second <= 127); // carrier-grade NAT
    }

    /** The host has no address (now): a connection error, worth another attempt later. */
    static class Unresolvable extends InvalidInputException {
        Unresolvable(String reason) {
            super(reason);
        }
    }
}
