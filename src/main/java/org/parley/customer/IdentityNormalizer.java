package org.parley.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.regex.Pattern;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Turns what a channel or an agent wrote into the one normalised form an identity is stored and
 * found by: lower-cased email, E.164 phone number, handle without '@' in lower case.
 */
@Component
public class IdentityNormalizer {

    private static final Pattern EMAIL = Pattern.compile(
            "^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");
    private static final Pattern HANDLE = Pattern.compile("^[\\p{L}\\p{N}._-]{1,100}$");

    private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    public IdentityNormalizer(IdentityProperties properties) {
        this.defaultRegion = properties.defaultRegion();
    }

    public IdentityKey normalize(Channel type, String raw) {
        if (type == null) {
            throw new InvalidInputException("identity type is required");
        }
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(type + " identity value is required");
        }
        String value = raw.strip();
        return new IdentityKey(type, switch (type) {
            case EMAIL -> email(value);
            case PHONE -> phone(value);
            // WhatsApp ids are the international number's digits without '+'
            case WHATSAPP -> phone(value.matches("\\d{7,15}") ? "+" + value : value);
            case X, FACEBOOK, INSTAGRAM -> handle(type, value);
            case API -> api(value);
        });
    }

    /** Parses {@code TYPE:value}, as in {@code EMAIL:jane@example.com} or {@code PHONE:+49 30 1234}. */
    public IdentityKey parse(String typeAndValue) {
        int colon = typeAndValue == null ? -1 : typeAndValue.indexOf(':');
        if (colon <= 0) {
            throw new InvalidInputException("identity must be written as TYPE:value, e.g. EMAIL:jane@example.com");
        }
        return normalize(Channel.parse(typeAndValue.substring(0, colon), "identity type"),
                typeAndValue.substring(colon + 1));
    }

    private static String email(String value) {
        String email = value.toLowerCase(Locale.ROOT);
        if (email.startsWith("mailto:")) {
            email = email.substring("mailto:".length());
        }
        if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
            throw new InvalidInputException("'" + value + "' is not a valid email address");
        }
        return email;
    }

    private String phone(String value) {
        try {
            PhoneNumber number = phoneNumbers.parse(value, defaultRegion);
            if (!phoneNumbers.isPossibleNumber(number)) {
                throw new InvalidInputException("'" + value + "' is not a possible phone number");
            }
            return phoneNumbers.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidInputException("'" + value + "' is not a phone number: " + e.getMessage());
        }
    }

    private static String handle(Channel type, String value) {
        String handle = value.startsWith("@") ? value.substring(1) : value;
        handle = handle.toLowerCase(Locale.ROOT);
        if (!HANDLE.matcher(handle).matches()) {
            throw new InvalidInputException("'" + value + "' is not a valid " + type.label() + " handle or id");
        }
        return handle;
    }

    private static String api(String value) {
        if (value.length() > 320) {
            throw new InvalidInputException("API identity must be at most 320 characters");
        }
        return value;
    }
}
