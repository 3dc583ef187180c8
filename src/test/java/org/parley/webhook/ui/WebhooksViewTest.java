package org.parley.webhook.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.ui.UiTest;
import org.parley.webhook.WebhookAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class WebhooksViewTest extends UiTest {

    @Autowired
    WebhookAdmin webhooks;

    @Test
    void anAdminSubscribesSeesTheSecretOnceTheDeliveryLogAndDeletes() {
        String url = "https://hooks-" + unique() + ".invalid/parley";
        navigate(WebhooksView.class);

        test($(Button.class).id("new-webhook")).click();
        test($(TextField.class).id("webhook-url")).setValue(url);
        @SuppressWarnings("unchecked")
        CheckboxGroup<String> events = $(CheckboxGroup.class).id("webhook-events");
        events.setValue(Set.of("conversation.created", "sla.breached"));
        test($(Button.class).id("create-webhook")).click();

        assertThat($(TextField.class).id("webhook-secret").getValue()).startsWith("whsec_");
        test($(Button.class).id("webhook-secret-done")).click();
        WebhookAdmin.Subscription created = webhooks.list().stream().filter(s -> s.url().equals(url)).findFirst()
                .orElseThrow();
        assertThat(created.events()).containsExactlyInAnyOrder("conversation.created", "sla.breached");

        @SuppressWarnings("unchecked")
        Grid<WebhookAdmin.Subscription> grid = $(Grid.class).id("webhooks");
        int row = -1;
        for (int i = 0; i < test(grid).size(); i++) {
            if (test(grid).getRow(i).url().equals(url)) {
                row = i;
            }
        }
        assertThat(row).isNotNegative();
        test(grid).select(row);
        assertThat($(Grid.class).id("webhook-deliveries").isVisible()).isTrue();

        // a URL into Parley's own network is refused with the reason, nothing is created
        test($(Button.class).id("new-webhook")).click();
        test($(TextField.class).id("webhook-url")).setValue("http://127.0.0.1:8080/x");
        @SuppressWarnings("unchecked")
        CheckboxGroup<String> again = $(CheckboxGroup.class).id("webhook-events");
        again.setValue(Set.of("sla.breached"));
        test($(Button.class).id("create-webhook")).click();
        assertThat($(TextField.class).id("webhook-url").isInvalid()).isTrue();
        assertThat(webhooks.list()).noneMatch(s -> s.url().contains("127.0.0.1"));
    }

    @Test
    void deletingAskedFirst() {
        String url = "https://gone-" + unique() + ".invalid/parley";
        webhooks.subscribe(url, java.util.List.of("message.received"), null);
        WebhooksView view = navigate(WebhooksView.class);
        @SuppressWarnings("unchecked")
        Grid<WebhookAdmin.Subscription> grid = $(Grid.class).id("webhooks");
        int row = -1;
        for (int i = 0; i < test(grid).size(); i++) {
            if (test(grid).getRow(i).url().equals(url)) {
                row = i;
            }
        }
        test((Button) test(grid).getCellComponent(row, 4)).click();
        test($(ConfirmDialog.class).id("confirm-delete-webhook")).confirm();
        assertThat(webhooks.list()).noneMatch(s -> s.url().equals(url));
        view.refresh();
    }
}
