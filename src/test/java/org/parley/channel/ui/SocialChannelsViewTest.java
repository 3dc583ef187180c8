package org.parley.channel.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.parley.channel.social.SocialAccounts;
import org.parley.channel.social.SocialNetwork;
import org.parley.security.ApiTokenService;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
@TestPropertySource(properties = {
    "parley.channels.meta.app-secret=s3cret-app",
    "parley.channels.meta.pages[0].id=5550001",
    "parley.channels.meta.pages[0].access-token=declared-token",
    "parley.channels.whatsapp.app-secret=wa-s3cret",
    "parley.channels.whatsapp.numbers[0].phone-number-id=106540352242922",
    "parley.channels.whatsapp.numbers[0].access-token=wa-declared-token"
})
class SocialChannelsViewTest extends UiTest {

    @Autowired
    SocialAccounts accounts;
    @Autowired
    ApiTokenService tokens;

    @SuppressWarnings("unchecked")
    Grid<SocialAccounts.Connected> grid() {
        return $(Grid.class).id("social-accounts");
    }

    String row(String accountId) {
        var g = test(grid());
        for (int i = 0; i < g.size(); i++) {
            if (g.getRow(i).accountId().equals(accountId)) {
                return String.join(" | ", g.getCellText(i, 0), g.getCellText(i, 1), g.getCellText(i, 2),
                        g.getCellText(i, 3), g.getCellText(i, 4), g.getCellText(i, 5), g.getCellText(i, 6),
                        g.getCellText(i, 7));
            }
        }
        return null;
    }

    Button action(String accountId, String text) {
        var g = test(grid());
        for (int i = 0; i < g.size(); i++) {
            if (g.getRow(i).accountId().equals(accountId)) {
                return $(Button.class, g.getCellComponent(i, "actions")).withText(text).single();
            }
        }
        throw new AssertionError("no row " + accountId);
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminsConnectDisableAndRemoveAccountsAndSeeDeclaredOnesReadOnly() {
        String id = "77" + Math.floorMod(unique().hashCode(), 1_000_000);
        navigate(SocialChannelsView.class);
        assertThat(row("5550001")).contains("declared in properties", "enabled", "none yet");
        assertThat($(Paragraph.class).id("meta-webhook").getText()).contains("/webhooks/meta", "app secret set",
                "verify token NOT SET").doesNotContain("s3cret-app");
        assertThat($(Paragraph.class).id("whatsapp-webhook").getText()).contains("/webhooks/whatsapp", "app secret set",
                "verify token NOT SET", "numbers 106540352242922", "24 hours").doesNotContain("wa-s3cret", "wa-declared-token");
        assertThat(row("106540352242922")).contains("WhatsApp", "declared in properties", "enabled");

        test($(Button.class).id("connect-account")).click();
        test((Select<SocialNetwork>) $(Select.class).id("account-network")).selectItem("X");
        test($(TextField.class).id("account-id")).setValue(id);
        test($(TextField.class).id("account-name")).setValue("Brand support");
        test($(PasswordField.class).id("account-token")).setValue("very-secret-token");
        test($(Button.class).id("save-account")).click();

        assertThat(row(id)).contains("X", "Brand support", "connected here", "enabled").doesNotContain("very-secret");
        assertThat(accounts.accessToken(SocialNetwork.X, id)).contains("very-secret-token");
        accounts.recordEvent(SocialNetwork.X, id, true);
        accounts.recordError(SocialNetwork.X, id, "event 1: text or html is required");
        test(action(id, "Disable")).click();
        assertThat(row(id)).contains("disabled", "text or html is required", "| 1");
        assertThat(accounts.isConnected(SocialNetwork.X, id)).isFalse();

        // the same account twice is refused with the reason
        test($(Button.class).id("connect-account")).click();
        test((Select<SocialNetwork>) $(Select.class).id("account-network")).selectItem("X");
        test($(TextField.class).id("account-id")).setValue(id);
        test($(PasswordField.class).id("account-token")).setValue("t");
        test($(Button.class).id("save-account")).click();
        assertThat($(Span.class).id("account-error").getText()).contains("already connected");
        test($(Button.class).withText("Cancel").last()).click();

        test(action(id, "Remove")).click();
        test($(ConfirmDialog.class).id("remove-account-dialog")).confirm();
        assertThat(row(id)).isNull();
        var declared = test(grid());
        for (int i = 0; i < declared.size(); i++) {
            if (declared.getRow(i).accountId().equals("5550001")) {
                assertThat(declared.getCellComponent(i, "actions").getElement().getTextRecursively()).isEqualTo("read-only");
            }
        }
    }

    @Test
    void adminsCreateAnApiTokenForTheTelephonyProvider() {
        navigate(SocialChannelsView.class);
        assertThat($(Paragraph.class).id("phone-webhook").getText()).contains("/api/v1/channels/phone/events");
        test($(Button.class).id("create-phone-token")).click();
        String name = "PBX " + unique();
        test($(TextField.class).id("phone-token-name")).setValue(name);
        test($(Button.class).id("create-phone-token-confirm")).click();

        String token = $(TextField.class).id("phone-token").getValue();
        assertThat(token).startsWith("prl_");
        assertThat(tokens.list()).anySatisfy(t -> assertThat(t.getName()).isEqualTo(name));
        assertThat(tokens.authenticate(token)).isPresent();
    }
}
