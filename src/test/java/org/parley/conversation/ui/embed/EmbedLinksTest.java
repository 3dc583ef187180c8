package org.parley.conversation.ui.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Signed links are refused, with a log line saying why, while the secret or the viewer is not configured. */
@ExtendWith(OutputCaptureExtension.class)
class EmbedLinksTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private static final long EXP = CLOCK.instant().getEpochSecond() + 600;

    @Test
    void withoutASecretEverySignedLinkIsRefused(CapturedOutput output) {
        EmbedLinks links = new EmbedLinks("", "viewer", null, CLOCK);
        String sig = EmbedLinks.sign("anything", null, "EMAIL:a@example.com", EXP);
        assertThat(links.verify(null, "EMAIL:a@example.com", Long.toString(EXP), sig)).isEqualTo(EmbedLinks.Verdict.REFUSED);
        assertThat(output.getAll()).contains("parley.embed.secret is not set");
    }

    @Test
    void withoutAViewerEverySignedLinkIsRefused(CapturedOutput output) {
        EmbedLinks links = new EmbedLinks("s3cret-value", "", null, CLOCK);
        String sig = EmbedLinks.sign("s3cret-value", null, "EMAIL:a@example.com", EXP);
        assertThat(links.verify(null, "EMAIL:a@example.com", Long.toString(EXP), sig)).isEqualTo(EmbedLinks.Verdict.REFUSED);
        assertThat(output.getAll()).contains("parley.embed.agent").doesNotContain("s3cret-value");
    }

    @Test
    void aDeactivatedViewerOpensNothing(CapturedOutput output) {
        org.parley.team.TeamDirectory team = org.mockito.Mockito.mock(org.parley.team.TeamDirectory.class);
        org.parley.team.Agent viewer = org.mockito.Mockito.mock(org.parley.team.Agent.class);
        org.mockito.Mockito.when(viewer.isActive()).thenReturn(false);
        org.mockito.Mockito.when(viewer.getId()).thenReturn(java.util.UUID.randomUUID());
        org.mockito.Mockito.when(team.findAgentByUsername("viewer")).thenReturn(java.util.Optional.of(viewer));
        EmbedLinks links = new EmbedLinks("s3cret-value", "viewer", team, CLOCK);
        String sig = EmbedLinks.sign("s3cret-value", null, "EMAIL:a@example.com", EXP);
        assertThat(links.verify(null, "EMAIL:a@example.com", Long.toString(EXP), sig)).isEqualTo(EmbedLinks.Verdict.REFUSED);
        assertThat(output.getAll()).contains("names no active agent");

        org.mockito.Mockito.when(viewer.isActive()).thenReturn(true);
        assertThat(links.verify(null, "EMAIL:a@example.com", Long.toString(EXP), sig)).isEqualTo(EmbedLinks.Verdict.VALID);
        // expiry is checked against the clock: one second after exp it is refused
        EmbedLinks later = new EmbedLinks("s3cret-value", "viewer", team,
                Clock.fixed(Instant.ofEpochSecond(EXP), ZoneOffset.UTC));
        assertThat(later.verify(null, "EMAIL:a@example.com", Long.toString(EXP), sig)).isEqualTo(EmbedLinks.Verdict.REFUSED);
        // the hex may come in upper case
        assertThat(links.verify(null, "EMAIL:a@example.com", Long.toString(EXP), sig.toUpperCase()))
                .isEqualTo(EmbedLinks.Verdict.VALID);
    }

    @Test
    void noSignatureParametersIsNotASignedLink() {
        EmbedLinks links = new EmbedLinks("", "", null, CLOCK);
        assertThat(links.verify(null, "EMAIL:a@example.com", null, null)).isEqualTo(EmbedLinks.Verdict.UNSIGNED);
    }

    @Test
    void theSignatureIsTheDocumentedHmac() {
        // echo -n 'identity=EMAIL:a@example.com&exp=1700000000' | openssl dgst -sha256 -hmac 'key' -hex
        assertThat(EmbedLinks.sign("key", null, "EMAIL:a@example.com", 1700000000L))
                .isEqualTo(OPENSSL);
    }

    private static final String OPENSSL = "102ce9a7108c0e458f9f188cccd3ca09f72d9c3c704fb21d42253066950a7eb8";
}
