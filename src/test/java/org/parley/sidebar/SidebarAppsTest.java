package org.parley.sidebar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.customer.CustomerProfile;
import org.parley.sidebar.ui.SidebarAppsView;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Sidebar apps: an admin adds one, its URL is filled in per customer and URL-encoded (a name cannot break out
 * of its parameter), a host with variables or a non-https URL is refused, agents may not add, and the agent pages'
 * Content-Security-Policy frames exactly the apps' origins.
 */
@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class SidebarAppsTest extends UiTest {

    @Autowired
    SidebarApps apps;
    @Autowired
    List<org.parley.conversation.CustomerPanelExtension> panelExtensions;

    @Test
    void anAdminAddsAnAppWhoseUrlIsFilledInPerCustomerAndWhoseOriginMayBeFramed() {
        String host = "crm-" + unique() + ".example.com";
        navigate(SidebarAppsView.class);
        test($(TextField.class).id("app-name")).setValue("CRM");
        test($(TextField.class).id("app-url")).setValue("https://" + host
                + "/contacts?email={customer.email}&name={customer.name}&c={conversation.id}&plan={attribute.plan}");
        test($(Button.class).id("add-app")).click();
        SidebarApps.App app = apps.list().stream().filter(a -> a.urlTemplate().contains(host)).findFirst()
                .orElseThrow();

        CustomerProfile jane = new CustomerProfile(UUID.randomUUID(), "Jane & Co <x>", null, null, null,
                Instant.now(), null, Map.of("plan", "gold plus"), List.of(new CustomerProfile.IdentityView(
                        UUID.randomUUID(), Channel.EMAIL, "jane+1@example.com", "jane+1@example.com")));
        UUID conversation = UUID.randomUUID();
        assertThat(SidebarApps.url(app.urlTemplate(), jane, conversation)).isEqualTo("https://" + host
                + "/contacts?email=jane%2B1%40example.com&name=Jane+%26+Co+%3Cx%3E&c=" + conversation
                + "&plan=gold+plus");

        // the panel shows it as a sandboxed frame
        var panel = panelExtensions.stream().filter(e -> e.getClass().getSimpleName().startsWith("SidebarAppFrames"))
                .findFirst().orElseThrow().create(jane, conversation, () -> { });
        IFrame frame = (IFrame) ((Details) panel.getChildren().filter(c -> c.getElement()
                .getAttribute("data-app").equals(app.id().toString())).findFirst().orElseThrow()).getContent()
                .findFirst().orElseThrow();
        assertThat(frame.getSrc()).startsWith("https://" + host + "/contacts?email=jane%2B1");
        assertThat(frame.getElement().getAttribute("sandbox")).contains("allow-scripts");
        assertThat(apps.frameSources()).contains("https://" + host);
    }

    @Test
    void unsafeTemplatesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> apps.add("Evil", "https://{customer.name}.example.com/", 300))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("never in the host");
        assertThatThrownBy(() -> apps.add("Plain", "http://crm.example.com/x", 300))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> apps.add("Script", "javascript:alert(1)", 300))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> apps.add("Typo", "https://crm.example.com/?x={customer.mail}", 300))
                .hasMessageContaining("unknown variable {customer.mail}");
        assertThatThrownBy(() -> apps.add(" ", "https://crm.example.com/", 300)).hasMessageContaining("name");
    }

    @Test
    @WithMockUser(username = UiTest.AGENT, roles = "AGENT")
    void anAgentMayNotAddOrRemoveApps() {
        assertThatThrownBy(() -> apps.add("CRM", "https://crm.example.com/", 300))
                .isInstanceOf(AccessDeniedException.class);
    }
}
