package org.parley.channel.email.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.parley.channel.email.MailboxService;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
@TestPropertySource(properties = "parley.channels.email.polling-enabled=false")
class ChannelsViewTest extends UiTest {

    @Autowired
    MailboxService service;

    @Test
    void addAMailbox_secretNeverShownBack_andConnectionTestShowsTheServersError() {
        String name = "Help " + unique();
        navigate(ChannelsView.class);
        test($(Button.class).id("add-mailbox")).click();
        test($(TextField.class).id("mailbox-name")).setValue(name);
        test($(EmailField.class).id("from-address")).setValue("help@parley.test");
        test($(TextField.class).id("imap-host")).setValue("127.0.0.1");
        test($(IntegerField.class).id("imap-port")).setValue(1);
        test($(Checkbox.class).id("imap-tls")).click();
        test($(TextField.class).id("mailbox-username")).setValue("help");
        test($(PasswordField.class).id("mailbox-password")).setValue("very-secret-password");
        test($(TextField.class).id("smtp-host")).setValue("127.0.0.1");
        test($(IntegerField.class).id("smtp-port")).setValue(1);

        test($(Button.class).id("test-connection")).click();
        assertThat($(Span.class).id("connection-result").getText())
                .startsWith("IMAP: ").contains("127.0.0.1").containsIgnoringCase("connect");

        test($(Button.class).id("save-mailbox")).click();
        GridTester<Grid<ChannelsView.MailboxRow>, ChannelsView.MailboxRow> grid = test(mailboxList());
        int row = rowOf(grid, name);
        assertThat(row).isNotNegative();
        assertThat(grid.getRow(row).imap()).isEqualTo("help @ 127.0.0.1:1 / INBOX");
        assertThat(grid.getRow(row).enabled()).isTrue();
        assertThat(service.list()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo(name);
            assertThat(m.hasPassword()).isTrue();
            assertThat(m.settings().password()).isNull();
        });

        grid.select(row);
        test($(Button.class).id("edit-mailbox")).click();
        assertThat($(PasswordField.class).id("mailbox-password").getValue()).as("secret not shown back").isEmpty();
        assertThat($(TextField.class).id("mailbox-name").getValue()).isEqualTo(name);
        test($(Button.class).id("save-mailbox")).click();
        assertThat(service.list()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo(name);
            assertThat(m.hasPassword()).as("an empty password field keeps the stored one").isTrue();
        });

        grid = test(mailboxList());
        grid.select(rowOf(grid, name));
        test($(Button.class).id("toggle-mailbox")).click();
        grid = test(mailboxList());
        assertThat(grid.getRow(rowOf(grid, name)).enabled()).isFalse();
        assertThat($(Anchor.class).id("social-link").getHref()).isEqualTo("admin/channels/social");
    }

    @Test
    void invalidSettingsAreRefusedWithTheirReasons() {
        navigate(ChannelsView.class);
        test($(Button.class).id("add-mailbox")).click();
        test($(TextField.class).id("mailbox-name")).setValue("Bad " + unique());
        test($(Button.class).id("save-mailbox")).click();
        assertThat($(Span.class).id("connection-result").getText()).contains("IMAP host").contains("from address");
        assertThat($(Button.class).id("save-mailbox").isAttached()).as("the dialog stays open").isTrue();
    }

    private static int rowOf(GridTester<Grid<ChannelsView.MailboxRow>, ChannelsView.MailboxRow> grid, String name) {
        for (int i = 0; i < grid.size(); i++) {
            if (grid.getRow(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private Grid<ChannelsView.MailboxRow> mailboxList() {
        return $(Grid.class).id("mailbox-list");
    }
}
