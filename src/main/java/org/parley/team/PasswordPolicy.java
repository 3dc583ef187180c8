package org.parley.team;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.parley.base.InvalidInputException;

/**
 * What a password must be (after NIST SP 800-63B): at least 8 characters, at most 72 bytes (what bcrypt
 * reads), not the user name or built around it, not one of the passwords every guesser tries first.
 * No composition rules: a long passphrase beats "Passw0rd!".
 */
public final class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_BYTES = 72;

    private static final Set<String> COMMON = Set.of("password", "password1", "password123", "passw0rd", "12345678",
            "123456789", "1234567890", "qwertyui", "qwerty123", "iloveyou", "sunshine", "princess", "football",
            "baseball", "welcome1", "welcome123", "letmein1", "abc12345", "11111111", "00000000", "trustno1",
            "superman", "starwars", "changeme", "administrator", "helpdesk", "support1", "parley123", "secret123");

    private PasswordPolicy() {
    }

    /** Refuses a password that breaks a rule, saying which. */
    public static void check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new InvalidInputException("password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidInputException("password must not be longer than " + MAX_BYTES + " bytes");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            throw new InvalidInputException("password is one of the most common passwords; choose another");
        }
        if (username != null && username.strip().length() >= 3
                && lower.contains(username.strip().toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException("password must not contain the user name");
        }
        if (lower.chars().distinct().count() < 3) {
            throw new InvalidInputException("password needs more than two different characters");
        }
    }
}
