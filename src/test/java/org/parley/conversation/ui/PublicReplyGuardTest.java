package org.parley.conversation.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.conversation.ui.PublicReplyGuard.Finding;

class PublicReplyGuardTest {

    @Test
    void mentionsAndCommentsArePublicDirectMessagesEmailAndCallsAreNot() {
        assertThat(PublicReplyGuard.isPublic(Channel.X, null)).isTrue();
        assertThat(PublicReplyGuard.isPublic(Channel.FACEBOOK, "post:104_55")).isTrue();
        assertThat(PublicReplyGuard.isPublic(Channel.X, "dm:8812")).isFalse();
        assertThat(PublicReplyGuard.isPublic(Channel.INSTAGRAM, "dm:61")).isFalse();
        assertThat(PublicReplyGuard.isPublic(Channel.EMAIL, null)).isFalse();
        assertThat(PublicReplyGuard.isPublic(Channel.PHONE, null)).isFalse();
        assertThat(PublicReplyGuard.publicBanner(Channel.X)).isEqualTo("Public reply on X — everyone can see it");
    }

    @Test
    void countsCharactersAgainstTheNetworksLimitAsPeopleCountThem() {
        assertThat(PublicReplyGuard.count(Channel.X, "Thanks! 😀")).isEqualTo("9 / 280");
        assertThat(PublicReplyGuard.tooLong(Channel.X, "😀".repeat(280))).isFalse();
        assertThat(PublicReplyGuard.tooLong(Channel.X, "a".repeat(281))).isTrue();
        assertThat(PublicReplyGuard.count(Channel.INSTAGRAM, "x".repeat(2300))).isEqualTo("2300 / 2200");
        assertThat(PublicReplyGuard.tooLong(Channel.EMAIL, "x".repeat(100_000))).isFalse();
        assertThat(PublicReplyGuard.count(Channel.EMAIL, "hello")).isEqualTo("5 characters");
    }

    @Test
    void findsEmailAddressesPhoneNumbersAndCardNumbers() {
        assertThat(PublicReplyGuard.scan("write to jane.doe+orders@example.co.uk please", "US"))
                .containsExactly(Finding.EMAIL_ADDRESS);
        assertThat(PublicReplyGuard.scan("call me on +49 151 23456789 tomorrow", "US"))
                .containsExactly(Finding.PHONE_NUMBER);
        assertThat(PublicReplyGuard.scan("my number is (415) 555-2671", "US")).containsExactly(Finding.PHONE_NUMBER);
        assertThat(PublicReplyGuard.scan("card 4111 1111 1111 1111 exp 12/29", "US")).containsExactly(Finding.CARD_NUMBER);
        assertThat(PublicReplyGuard.scan("5500-0000-0000-0004", "US")).containsExactly(Finding.CARD_NUMBER);
        assertThat(PublicReplyGuard.scan("mail a@b.io or call +44 20 7946 0958, card 4012888888881881", "GB"))
                .containsExactly(Finding.EMAIL_ADDRESS, Finding.PHONE_NUMBER, Finding.CARD_NUMBER);
    }

    @Test
    void ordinaryRepliesAreNotFlagged() {
        assertThat(PublicReplyGuard.scan("Sorry to hear that! We sent you a DM @kim 🙏", "US")).isEmpty();
        assertThat(PublicReplyGuard.scan("Your order #4711 left our warehouse on 2026-11-23.", "US")).isEmpty();
        // 16 digits that fail the Luhn check are an order reference, not a card
        assertThat(PublicReplyGuard.scan("reference 4111 1111 1111 1112", "US")).doesNotContain(Finding.CARD_NUMBER);
        assertThat(PublicReplyGuard.scan("", "US")).isEmpty();
    }

    @Test
    void warningNamesWhatWasFound() {
        assertThat(PublicReplyGuard.warning(Channel.X, java.util.EnumSet.of(Finding.EMAIL_ADDRESS, Finding.CARD_NUMBER)))
                .contains("an email address and a card number", "On X everyone can see it", "direct message");
        assertThat(PublicReplyGuard.luhn("79927398713")).isTrue();
        assertThat(PublicReplyGuard.luhn("79927398710")).isFalse();
    }
}
