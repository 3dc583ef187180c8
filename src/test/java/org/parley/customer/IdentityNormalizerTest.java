package org.parley.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;

class IdentityNormalizerTest {

    private final IdentityNormalizer us = new IdentityNormalizer(new IdentityProperties("US"));
    private final IdentityNormalizer germany = new IdentityNormalizer(new IdentityProperties("DE"));

    @ParameterizedTest
    @CsvSource({
        "Jane.Doe@Example.COM, jane.doe@example.com",
        "'  jane+tag@example.org ', jane+tag@example.org",
        "mailto:Support@Shop.example, support@shop.example",
        "o'brien@example.ie, o'brien@example.ie"
    })
    void emailsAreTrimmedAndLowerCased(String raw, String expected) {
        assertThat(us.normalize(Channel.EMAIL, raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "not-an-email", "jane@", "@example.com", "jane doe@example.com", "jane@example"
    })
    void invalidEmailsAreRefused(String raw) {
        assertThatThrownBy(() -> us.normalize(Channel.EMAIL, raw)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a valid email");
    }

    @ParameterizedTest
    @CsvSource({
        "'(415) 555-0123', +14155550123",
        "'+1 415 555 0123', +14155550123",
        "'+44 20 7946 0958', +442079460958",
        "'+49 (0)30 901820', +4930901820",
        "'+33 1 70 18 99 00', +33170189900",
        "'+81 3-1234-5678', +81312345678",
        "'+55 11 91234-5678', +5511912345678"
    })
    void phoneNumbersBecomeE164(String raw, String expected) {
        assertThat(us.normalize(Channel.PHONE, raw).value()).isEqualTo(expected);
    }

    @Test
    void nationalNumbersAreReadInTheConfiguredRegion() {
        assertThat(germany.normalize(Channel.PHONE, "030 901820").value()).isEqualTo("+4930901820");
        assertThat(us.normalize(Channel.PHONE, "415-555-0123").value()).isEqualTo("+14155550123");
    }

    @Test
    void whatsAppIdsAreInternationalDigitsWithoutPlus() {
        assertThat(us.normalize(Channel.WHATSAPP, "4915112345678").value()).isEqualTo("+4915112345678");
        assertThat(us.normalize(Channel.WHATSAPP, "+49 151 12345678").value()).isEqualTo("+4915112345678");
    }

    @Test
    void impossiblePhoneNumbersAreRefused() {
        assertThatThrownBy(() -> us.normalize(Channel.PHONE, "12")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> us.normalize(Channel.PHONE, "call me")).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "X, @JaneDoe, janedoe",
        "X, jane_doe, jane_doe",
        "INSTAGRAM, @Jane.Doe, jane.doe",
        "FACEBOOK, 1234567890123456, 1234567890123456"
    })
    void handlesLoseTheAtAndAreLowerCased(Channel type, String raw, String expected) {
        assertThat(us.normalize(type, raw).value()).isEqualTo(expected);
    }

    @Test
    void handlesWithSpacesOrSymbolsAreRefused() {
        assertThatThrownBy(() -> us.normalize(Channel.X, "jane doe")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> us.normalize(Channel.X, "@")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void typeAndValueAreParsedFromTheQueryForm() {
        assertThat(us.parse("EMAIL:Jane@Example.com")).isEqualTo(new IdentityKey(Channel.EMAIL, "jane@example.com"));
        assertThat(us.parse("phone:+1 415 555 0123")).isEqualTo(new IdentityKey(Channel.PHONE, "+14155550123"));
        assertThatThrownBy(() -> us.parse("jane@example.com")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> us.parse("FAX:123")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("identity type");
    }

    @Test
    void blankValuesAreRefused() {
        assertThatThrownBy(() -> us.normalize(Channel.EMAIL, "  ")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("required");
    }
}
