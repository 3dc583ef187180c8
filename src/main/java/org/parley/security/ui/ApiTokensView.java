package org.parley.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.Ages;
import org.parley.base.ui.Notifications;
import org.parley.security.ApiScope;
import org.parley.security.ApiToken;
import org.parley.security.ApiTokenService.CreatedToken;
import org.parley.security.ApiTokenService;
import org.parley.team.TeamDirectory;

/** API tokens for integrations: create one for an agent (shown once), see their use, revoke them. */
@Route("admin/tokens")
@Menu(title = "API tokens", order = 90, icon = "vaadin:key")
@PageTitle("API tokens · Parley")
@RolesAllowed("ADMIN")
public class ApiTokensView extends Div {

    /** What the list shows of a token; never the token itself (it is not stored). */
    record TokenRow(UUID id, String name, String prefix, String agent, Instant createdAt, Instant lastUsedAt,
            Instant revokedAt, String scopes, Instant expiresAt) {

        boolean revoked() {
            return revokedAt != null;
        }

        boolean expired() {
            return expiresAt != null && !Instant.now().isBefore(expiresAt);
        }
    }

    record AgentOption(UUID id, String name) {
    }

    private final transient ApiTokenService tokens;
    private final transient TeamDirectory team;
    private final Grid<TokenRow> grid = new Grid<>();

    public ApiTokensView(ApiTokenService tokens, TeamDirectory team) {
        this.tokens = tokens;
        this.team = team;
        addClassName("tokens-view");
        setSizeFull();

        Button create = new Button("New token", VaadinIcon.PLUS.create(), e -> createDialog());
        create.setId("new-token-button");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div head = new Div(new H2("API tokens"), create);
        head.addClassName("toolbar");

        grid.setId("token-list");
        grid.addColumn(TokenRow::name).setHeader("Name").setKey("name").setFlexGrow(2);
        grid.addColumn(r -> r.prefix() + "…").setHeader("Prefix").setKey("prefix");
        grid.addColumn(TokenRow::agent).setHeader("Agent").setKey("agent");
        grid.addColumn(r -> Ages.dateTime(r.createdAt())).setHeader("Created").setKey("created");
        grid.addColumn(r -> r.lastUsedAt() == null ? "never" : Ages.age(r.lastUsedAt()) + " ago")
                .setHeader("Last used").setKey("lastUsed");
        grid.addColumn(r -> r.scopes().replace(",", ", ")).setHeader("Scopes").setKey("scopes");
        grid.addColumn(r -> r.expiresAt() == null ? "never" : Ages.dateTime(r.expiresAt()))
                .setHeader("Expires").setKey("expires");
        grid.addColumn(r -> r.revoked() ? "revoked " + Ages.dateTime(r.revokedAt()) : r.expired() ? "expired" : "active")
                .setHeader("State").setKey("state");
        grid.addColumn(LitRenderer.<TokenRow>of("<vaadin-button theme=\"tertiary error small\" "
                        + "?hidden=\"${item.revoked}\" @click=\"${revoke}\">Revoke</vaadin-button>")
                        .withProperty("revoked", TokenRow::revoked)
                        .withFunction("revoke", this::confirmRevoke))
                .setHeader("").setKey("actions").setFlexGrow(0).setWidth("8em");

        add(head, grid);
        refresh();
    }

    void refresh() {
        List<ApiToken> all = tokens.list();
        Map<UUID, String> names = team.agentNames(all.stream().map(ApiToken::getAgentId)
                .collect(Collectors.toSet()));
        grid.setItems(all.stream().map(t -> new TokenRow(t.getId(), t.getName(), t.getTokenPrefix(),
                names.getOrDefault(t.getAgentId(), "?"), t.getCreatedAt(), t.getLastUsedAt(), t.getRevokedAt(),
                ApiScope.format(t.getScopes()), t.getExpiresAt())).toList());
    }

    private void createDialog() {
        Dialog dialog = new Dialog();
        dialog.setId("create-token-dialog");
        dialog.setHeaderTitle("New API token");
        TextField name = new TextField("Name");
        name.setId("token-name");
        name.setPlaceholder("e.g. Shop webhook");
        name.setWidthFull();
        ComboBox<AgentOption> agent = new ComboBox<>("Acts as agent");
        agent.setId("token-agent");
        agent.setItems(team.activeAgents().stream().map(a -> new AgentOption(a.getId(), a.getDisplayName()))
                .toList());
        agent.setItemLabelGenerator(AgentOption::name);
        agent.setWidthFull();
        CheckboxGroup<ApiScope> scopes = new CheckboxGroup<>("May");
        scopes.setId("token-scopes");
        scopes.setItems(ApiScope.values());
        scopes.setItemLabelGenerator(scope -> scope.id() + " — " + scope.description());
        scopes.setValue(java.util.EnumSet.of(ApiScope.READ, ApiScope.WRITE));
        scopes.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        scopes.setHelperText("Never more than the agent may. An ingest-only token suits a telephony provider or a "
                + "form on a website.");
        DatePicker expires = new DatePicker("Expires (optional)");
        expires.setId("token-expires");
        expires.setMin(LocalDate.now(ZoneOffset.UTC).plusDays(1));
        expires.setHelperText("Stops working at the start of this day (UTC); empty: never");
        expires.setWidthFull();
        Button create = new Button("Create", e -> {
            if (agent.getValue() == null) {
                agent.setInvalid(true);
                agent.setErrorMessage("Choose the agent the token acts as");
                return;
            }
            if (scopes.getValue().isEmpty()) {
                scopes.setInvalid(true);
                scopes.setErrorMessage("Choose at least one scope");
                return;
            }
            try {
                CreatedToken created = tokens.create(name.getValue(), agent.getValue().id(), scopes.getValue(),
                        expires.getValue() == null ? null : expires.getValue().atStartOfDay(ZoneOffset.UTC).toInstant());
                dialog.close();
                refresh();
                showOnce(created.token());
            } catch (InvalidInputException ex) {
                name.setInvalid(true);
                name.setErrorMessage(ex.getMessage());
                Notifications.error(ex.getMessage());
            }
        });
        create.setId("create-token");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new Div(name, agent, scopes, expires));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
        dialog.open();
    }

    private void showOnce(String token) {
        Dialog dialog = new Dialog();
        dialog.setId("token-created-dialog");
        dialog.setHeaderTitle("Your new API token");
        dialog.setCloseOnOutsideClick(false);
        TextField value = new TextField();
        value.setId("new-token");
        value.setValue(token);
        value.setReadOnly(true);
        value.setWidthFull();
        value.addClassName("token-value");
        value.addFocusListener(e -> value.getElement().executeJs("this.inputElement.select()"));
        Paragraph warning = new Paragraph("Copy it now: Parley stores only a hash and will not show this token "
                + "again. Send it as \"Authorization: Bearer <token>\".");
        warning.addClassName("token-warning");
        Button copy = new Button("Copy", VaadinIcon.COPY.create(),
                e -> e.getSource().getElement().executeJs("navigator.clipboard.writeText($0)", token));
        copy.setId("copy-token");
        Button done = new Button("Done", e -> dialog.close());
        done.setId("token-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(warning, value);
        dialog.getFooter().add(copy, done);
        dialog.open();
    }

    private void confirmRevoke(TokenRow row) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("revoke-token-dialog");
        confirm.setHeader("Revoke \"" + row.name() + "\"?");
        confirm.setText("Clients using it are refused from now on. This cannot be undone.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Revoke");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            try {
                tokens.revoke(row.id());
                Notifications.success("Revoked " + row.name());
            } catch (NotFoundException ex) {
                Notifications.error(ex.getMessage());
            }
            refresh();
        });
        confirm.open();
    }
}
