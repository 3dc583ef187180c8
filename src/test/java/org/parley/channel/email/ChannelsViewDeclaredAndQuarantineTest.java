package org.parley.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.base.InvalidInputException;
import org.parley.channel.email.ui.ChannelsView;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/** Declared mailboxes are shown read-only; quarantined mail is listed with its reason and can be discarded. */
@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
@TestPropertySource(properties = {
        "parley.channels.email.polling-enabled=false",
        "parley.channels.email.mailboxes[0].name=Declared sales",
        "parley.channels.email.mailboxes[0].imap-host=imap.sales.invalid",
        "parley.channels.email.mailboxes[0].username=sales",
        "parley.channels.email.mailboxes[0].password=declared-secret",
        "parley.channels.email.mailboxes[0].smtp-host=smtp.sales.invalid",
        "parley.channels.email.mailboxes[0].from-address=sales@parley.test",
        "parley.channels.email.mailboxes[0].poll-interval=2m"})
class ChannelsViewDeclaredAndQuarantineTest extends UiTest {

    @Autowired
    MailboxService service;
    @Autowired
    MailImporter importer;

    @Test
    void declaredMailboxesAreReadOnly() {
        Mailbox declared = service.list().stream().filter(m -> m.getName().equals("Declared sales")).findFirst()
                .orElseThrow();
        assertThat(declared.isDeclared()).isTrue();
        assertThat(declared.getImapPort()).isEqualTo(993);
        assertThat(declared.isImapTls()).isTrue();
        assertThat(declared.getFolder()).isEqualTo("INBOX");
        assertThat(declared.getPollIntervalSeconds()).isEqualTo(120);
        assertThat(declared.getPasswordSecret()).startsWith("v2:").doesNotContain("declared-secret");
        assertThatThrownBy(() -> service.setEnabled(declared.getId(), false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("read-only");

        navigate(ChannelsView.class);
        GridTester<Grid<ChannelsView.MailboxRow>, ChannelsView.MailboxRow> grid = test(mailboxList());
        int row = -1;
        for (int i = 0; i < grid.size(); i++) {
            if (grid.getRow(i).name().equals("Declared sales")) {
                row = i;
            }
        }
        assertThat(row).isNotNegative();
        assertThat(grid.getRow(row).declared()).isTrue();
        grid.select(row);
        assertThat($(Button.class).id("edit-mailbox").isEnabled()).isFalse();
        assertThat($(Button.class).id("toggle-mailbox").isEnabled()).isFalse();
        assertThat($(Button.class).id("test-mailbox").isEnabled()).isTrue();
    }

    @Test
    void quarantinedMailIsListedWithItsReasonAndCanBeDiscarded() {
        String subject = "Broken " + unique();
        byte[] raw = ("From: eve@example.com\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed\r\n\r\nno boundary\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(importer.importMail("Declared sales", 7L, raw)).isEqualTo(MailImporter.Outcome.QUARANTINED);

        navigate(ChannelsView.class);
        GridTester<Grid<ChannelsView.QuarantineRow>, ChannelsView.QuarantineRow> grid = test(quarantineList());
        int row = rowOf(grid, subject);
        assertThat(row).isNotNegative();
        assertThat(grid.getRow(row).reason()).startsWith("malformed MIME").contains("boundary");
        assertThat(grid.getRow(row).mailbox()).isEqualTo("Declared sales");

        grid.select(row);
        test($(Button.class).id("retry-quarantined")).click();
        grid = test(quarantineList());
        assertThat(rowOf(grid, subject)).as("a retry that fails again keeps the mail").isNotNegative();

        grid.select(rowOf(grid, subject));
        test($(Button.class).id("discard-quarantined")).click();
        assertThat(rowOf(test(quarantineList()), subject)).isNegative();
    }

    private static int rowOf(GridTester<Grid<ChannelsView.QuarantineRow>, ChannelsView.QuarantineRow> grid,
            String subject) {
        for (int i = 0; i < grid.size(); i++) {
            if (subject.equals(grid.getRow(i).subject())) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private Grid<ChannelsView.MailboxRow> mailboxList() {
        return $(Grid.class).id("mailbox-list");
    }

    @SuppressWarnings("unchecked")
    private Grid<ChannelsView.QuarantineRow> quarantineList() {
        return $(Grid.class).id("quarantine-list");
    }
}
