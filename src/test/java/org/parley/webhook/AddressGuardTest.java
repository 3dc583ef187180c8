package org.parley.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.base.InvalidInputException;

/** With {@code parley.webhooks.allow-private-addresses} off (the default), the SSRF guard's decisions. */
class AddressGuardTest {

    private final AddressGuard guard = new AddressGuard(false);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://127.1.2.3:8080/hook", "http://localhost/hook",
        "http://10.1.2.3/hook", "http://172.16.0.1/hook", "http://172.31.255.255/hook", "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data", "http://224.0.0.1/hook", "http://0.0.0.0/hook",
        "http://[::1]/hook", "http://[fc00::1]/hook", "http://[fd12:3456::1]/hook", "http://[fe80::1]/hook",
        "http://[ff02::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://[::ffff:10.0.0.1]/hook"})
    void refusesLoopbackPrivateLinkLocalAndMulticastAddresses(String url) {
        assertThatThrownBy(() -> guard.check(url, false)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("may not reach");
        assertThatThrownBy(() -> guard.check(url, true)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "file:///etc/passwd", "gopher://8.8.8.8/", "not a url",
        "/relative/path", "https://user:pw@8.8.8.8/x"})
    void refusesAnythingButAnAbsoluteHttpOrHttpsUrl(String url) {
        assertThatThrownBy(() -> guard.check(url, false)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void letsPublicAddressesThrough() {
        assertThat(guard.check("https://8.8.8.8/hooks/parley", true).getHost()).isEqualTo("8.8.8.8");
        assertThat(guard.check("http://172.32.0.1/x", true)).isNotNull();
        assertThat(guard.check("http://[2001:4860:4860::8888]/x", true)).isNotNull();
    }

    @Test
    void aNameThatDoesNotResolveIsLetThroughWhenSubscribingAndRetriedWhenSending() {
        String url = "https://no-such-host.invalid/hook";
        assertThat(guard.check(url, false)).isNotNull();
        assertThatThrownBy(() -> guard.check(url, true)).isInstanceOf(AddressGuard.Unresolvable.class);
    }

    @Test
    void withPrivateAddressesAllowedLoopbackIsFine() {
        assertThat(new AddressGuard(true).check("http://127.0.0.1:9999/hook", true)).isNotNull();
    }
}
