package org.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Broken order|broken order",
        "Re: Broken order|broken order",
        "RE: re:  Broken   order|broken order",
        "Fwd: Re: Broken order|broken order",
        "FW: Broken order|broken order",
        "AW: WG: Broken order|broken order",
        "SV: Broken order|broken order",
        "Re[2]: Broken order|broken order",
        "Re (3): Broken order|broken order",
        "Regarding your order|regarding your order",
        "Re:|''",
    })
    void replyAndForwardPrefixesAreIgnored(String subject, String normalized) {
        assertThat(Subjects.normalize(subject)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Re: x|true", "AW: x|true", "Regarding x|false", "x|false"})
    void prefixesAreRecognised(String subject, boolean prefixed) {
        assertThat(Subjects.hasPrefix(subject)).isEqualTo(prefixed);
    }
}
