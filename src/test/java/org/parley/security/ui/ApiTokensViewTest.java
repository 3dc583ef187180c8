package org.parley.security.ui;

import org.parley.security.ApiScope;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.parley.security.ApiTokenService;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class ApiTokensViewTest extends UiTest {

    @Autowired
    ApiTokenService tokens;
    @Autowired
    org.parley.audit.AuditTrail audit;

    @Test
    void createShowsTheTokenOnce_andRevokeStopsIt() {
        String name = "Shop " + unique();
        navigate(ApiTokensView.class);
        test($(Button.class).id("new-token-button")).click();
        test($(TextField.class).id("token-name")).setValue(name);
        @SuppressWarnings("unchecked")
        ComboBox<ApiTokensView.AgentOption> agent = $(ComboBox.class).id("token-agent");
        test(agent).selectItem("Otto Other");
        test($(Button.class).id("create-token")).click();

        String token = $(TextField.class).id("new-token").getValue();
        assertThat(token).startsWith("prl_");
        assertThat(tokens.authenticate(token)).get().satisfies(p -> assertThat(p.getUsername()).isEqualTo(OTHER_AGENT));
        test($(Button.class).id("token-done")).click();

        GridTester<Grid<ApiTokensView.TokenRow>, ApiTokensView.TokenRow> grid = test(tokenList());
        int row = -1;
        for (int i = 0; i < grid.size(); i++) {
            if (grid.getRow(i).name().equals(name)) {
                row = i;
            }
        }
        assertThat(row).isNotNegative();
        assertThat(grid.getRow(row).agent()).isEqualTo("Otto Other");
        assertThat(token).startsWith(grid.getRow(row).prefix());
        assertThat(grid.getRow(row).revoked()).isFalse();

        grid.invokeLitRendererFunction(row, "actions", "revoke");
        test($(ConfirmDialog.class).id("revoke-token-dialog")).confirm();
        assertThat(tokens.authenticate(token)).isEmpty();
        assertThat(test(tokenList()).getRow(row).revoked()).isTrue();
    }

    /** End to end in the view: a scoped, expiring token, shown in the list, audited, and limited to its scope. */
    @Test
    void anIngestOnlyTokenThatExpiresIsCreatedShownAndAudited() {
        String name = "Phone provider " + unique();
        navigate(ApiTokensView.class);
        test($(Button.class).id("new-token-button")).click();
        test($(TextField.class).id("token-name")).setValue(name);
        @SuppressWarnings("unchecked")
        ComboBox<ApiTokensView.AgentOption> agent = $(ComboBox.class).id("token-agent");
        test(agent).selectItem("Otto Other");
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.checkbox.CheckboxGroup<ApiScope> scopes =
                $(com.vaadin.flow.component.checkbox.CheckboxGroup.class).id("token-scopes");
        scopes.setValue(java.util.EnumSet.of(ApiScope.INGEST));
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(90);
        $(com.vaadin.flow.component.datepicker.DatePicker.class).id("token-expires").setValue(day);
        test($(Button.class).id("create-token")).click();

        String token = $(TextField.class).id("new-token").getValue();
        test($(Button.class).id("token-done")).click();
        var principal = tokens.authenticate(token).orElseThrow();
        assertThat(ApiScope.allows(principal.getAuthorities(), "POST", "/api/v1/inbound")).isTrue();
        assertThat(ApiScope.allows(principal.getAuthorities(), "GET", "/api/v1/customers")).isFalse();

        GridTester<Grid<ApiTokensView.TokenRow>, ApiTokensView.TokenRow> grid = test(tokenList());
        ApiTokensView.TokenRow row = null;
        for (int i = 0; i < grid.size(); i++) {
            if (grid.getRow(i).name().equals(name)) {
                row = grid.getRow(i);
                assertThat(grid.getCellText(i, columnIndex("scopes"))).isEqualTo("ingest");
                assertThat(grid.getCellText(i, columnIndex("state"))).isEqualTo("active");
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.expiresAt()).isEqualTo(day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        assertThat(audit.forSubject(row.id())).singleElement().satisfies(e -> assertThat(e.getDetails())
                .contains("scopes ingest", "expires " + day));
    }

    @Test
    void tokenNeedsAName() {
        navigate(ApiTokensView.class);
        test($(Button.class).id("new-token-button")).click();
        @SuppressWarnings("unchecked")
        ComboBox<ApiTokensView.AgentOption> agent = $(ComboBox.class).id("token-agent");
        test(agent).selectItem("Otto Other");
        test($(Button.class).id("create-token")).click();
        assertThat($(TextField.class).id("token-name").isInvalid()).isTrue();
        assertThat($(TextField.class).withId("new-token").exists()).isFalse();
    }

    private int columnIndex(String key) {
        return tokenList().getColumns().indexOf(tokenList().getColumnByKey(key));
    }

    @SuppressWarnings("unchecked")
    private Grid<ApiTokensView.TokenRow> tokenList() {
        return $(Grid.class).id("token-list");
    }
}
