package org.parley.team;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.base.InvalidInputException;

class PasswordPolicyTest {

    @Test
    void aLongPassphraseIsAccepted() {
        assertThatCode(() -> PasswordPolicy.check("jane", "correct horse battery staple")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("jane", "kürbis-suppe")).doesNotThrowAnyException();
    }

    @Test
    void weakPasswordsAreRefusedWithTheRuleTheyBreak() {
        assertThatThrownBy(() -> PasswordPolicy.check("jane", "short")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least 8");
        assertThatThrownBy(() -> PasswordPolicy.check("jane", "Password123")).hasMessageContaining("most common");
        assertThatThrownBy(() -> PasswordPolicy.check("jane.doe", "my-Jane.Doe-pass")).hasMessageContaining("user name");
        assertThatThrownBy(() -> PasswordPolicy.check("jane", "abababababab")).hasMessageContaining("different characters");
        assertThatThrownBy(() -> PasswordPolicy.check("jane", "x".repeat(40) + "ü".repeat(20)))
                .hasMessageContaining("72 bytes");
        assertThatThrownBy(() -> PasswordPolicy.check("jane", null)).hasMessageContaining("at least 8");
    }
}
