package org.parley.privacy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class DataRequestsViewTest extends UiTest {

    @Autowired
    CustomerDirectory customers;

    @Test
    void anAdminFindsACustomerAndErasesThemAfterTypingTheirName() {
        String handle = "forgetme" + unique();
        IngestResult message = ingest(Channel.X, handle, "Fiona Forget", null, "please forget me");
        navigate(DataRequestsView.class);

        test($(TextField.class).id("privacy-search")).setValue(handle);
        @SuppressWarnings("unchecked")
        Grid<CustomerProfile> grid = $(Grid.class).id("privacy-customers");
        assertThat(test(grid).size()).isEqualTo(1);
        assertThat(test(grid).getRow(0).displayName()).isEqualTo("Fiona Forget");

        assertThat($(Button.class).id("privacy-erase").isEnabled()).isFalse();
        test(grid).select(0);
        test($(Button.class).id("privacy-erase")).click();
        test($(TextField.class).id("erase-confirm-name")).setValue("Fiona");
        test($(Button.class).id("erase-confirm")).click();
        assertThat($(TextField.class).id("erase-confirm-name").isInvalid()).isTrue();
        assertThat(customers.get(message.customerId()).displayName()).isEqualTo("Fiona Forget");

        test($(TextField.class).id("erase-confirm-name")).setValue("Fiona Forget");
        test($(TextField.class).id("erase-reason")).setValue("asked by email");
        test($(Button.class).id("erase-confirm")).click();

        assertThat(customers.get(message.customerId()).displayName()).isEqualTo("Erased customer");
        assertThat(customers.get(message.customerId()).identities()).isEmpty();
        assertThat(test(grid).size()).isZero();
    }

    @Test
    void theRetentionPolicyIsShownAndOffByDefault() {
        navigate(DataRequestsView.class);
        assertThat($(Paragraph.class).id("retention-status").getText()).startsWith("Off");
        assertThat($(Button.class).id("retention-run").isEnabled()).isFalse();
    }
}
