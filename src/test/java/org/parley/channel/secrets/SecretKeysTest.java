package org.parley.channel.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.ParleyApplication;
import org.parley.channel.social.SocialAccounts;
import org.parley.channel.social.SocialNetwork;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Nodes of one database must share the channel secret key: a node with another key (or with none, which used
 * to generate its own and re-encrypt a declared mailbox's password) refuses to start and changes nothing; a
 * node given the old key as a previous key rotates every secret to its new key. Real Parley nodes on one H2
 * database, one after the other in this JVM.
 */
class SecretKeysTest {

    @TempDir
    Path dir;

    final String database = "jdbc:h2:mem:parley-keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    final String keyA = newKey();
    final String keyB = newKey();
    final String keyC = newKey();

    @Test
    void aNodeWithAnotherKeyRefusesToStartAndRotationReencrypts() throws Exception {
        String before;
        try (ConfigurableApplicationContext a = node("--parley.channels.secret-key=" + keyA)) {
            a.getBean(SocialAccounts.class).connect(SocialNetwork.META, "1040", "Page", "page-token");
            before = secrets(a);
            assertThat(before).contains("v2:" + SecretCipher.idOf(Base64.getDecoder().decode(keyA)) + ":");

            // the probe's second node: no key configured, a declared mailbox whose password it would re-encrypt
            Path generated = dir.resolve("b.key");
            assertThatThrownBy(() -> node("--parley.channels.secret-key-file=" + generated).close())
                    .satisfies(e -> assertThat(root(e)).hasMessageContaining("Refusing to start")
                    .hasMessageContaining("parley.channels.secret-key is not set"));
            assertThat(generated).doesNotExist();
            assertThatThrownBy(() -> node("--parley.channels.secret-key=" + keyB).close())
                    .satisfies(e -> assertThat(root(e)).hasMessageContaining("Refusing to start")
                    .hasMessageContaining(SecretCipher.idOf(Base64.getDecoder().decode(keyA)))
                    .hasMessageContaining("parley.channels.previous-secret-keys"));
            assertThat(secrets(a)).isEqualTo(before);
            assertThat(a.getBean(SocialAccounts.class).accessToken(SocialNetwork.META, "1040")).contains("page-token");
        }

        String idC = SecretCipher.idOf(Base64.getDecoder().decode(keyC));
        try (ConfigurableApplicationContext c = node("--parley.channels.secret-key=" + keyC,
                "--parley.channels.previous-secret-keys=" + keyA)) {
            assertThat(secrets(c)).doesNotContain(SecretCipher.idOf(Base64.getDecoder().decode(keyA)))
                    .contains("v2:" + idC + ":");
            assertThat(c.getBean(SocialAccounts.class).accessToken(SocialNetwork.META, "1040")).contains("page-token");
        }
        // a node still on the old key only would write secrets the rotated nodes read, but it cannot read theirs
        assertThatThrownBy(() -> node("--parley.channels.secret-key=" + keyA).close())
                .satisfies(e -> assertThat(root(e)).hasMessageContaining("Refusing to start").hasMessageContaining(idC));
    }

    private ConfigurableApplicationContext node(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=sa",
                "--spring.datasource.password=",
                "--parley.demo.enabled=false",
                "--parley.channels.email.polling-enabled=false",
                "--parley.channels.email.mailboxes[0].name=Support",
                "--parley.channels.email.mailboxes[0].imap-host=imap.example.com",
                "--parley.channels.email.mailboxes[0].username=support@example.com",
                "--parley.channels.email.mailboxes[0].password=mailbox-password",
                "--parley.channels.email.mailboxes[0].smtp-host=smtp.example.com",
                "--parley.channels.email.mailboxes[0].from-address=support@example.com",
                "--vaadin.launch-browser=false"));
        args.addAll(List.of(extra));
        if (args.stream().noneMatch(a -> a.startsWith("--parley.channels.secret-key-file="))) {
            args.add("--parley.channels.secret-key-file=" + dir.resolve("unused.key"));
        }
        return new SpringApplicationBuilder(ParleyApplication.class).run(args.toArray(String[]::new));
    }

    private static Throwable root(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }

    private static String secrets(ConfigurableApplicationContext node) {
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        return jdbc.queryForList("select password_secret from email_mailbox", String.class)
                + " " + jdbc.queryForList("select access_token_encrypted from social_account", String.class);
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
