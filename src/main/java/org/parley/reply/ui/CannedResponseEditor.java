package org.parley.reply.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.base.ui.Notifications;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.Priority;
import org.parley.reply.CannedResponseInput;
import org.parley.reply.CannedResponseService;
import org.parley.reply.CannedResponseView;
import org.parley.reply.Macro;
import org.parley.reply.ResponseScope;
import org.parley.reply.Variables;
import org.parley.team.Team;
import org.springframework.security.access.AccessDeniedException;

/** Creates or edits one canned response; the scopes offered are those the user may manage. */
class CannedResponseEditor extends Dialog {

    private final transient CannedResponseService responses;
    private final UUID agentId;
    private final CannedResponseView existing;
    private final Consumer<CannedResponseView> saved;
    final TextField title = new TextField("Title");
    final TextField shortcut = new TextField("Shortcut");
    final Select<ResponseScope> scope = new Select<>();
    final Select<Team> teamSelect = new Select<>();
    final TextField folder = new TextField("Folder");
    final TextField tags = new TextField("Tags");
    final TextArea body = new TextArea("Text");
    final TextArea shortBody = new TextArea("Short variant (for channels with a length limit)");
    final Select<ConversationStatus> macroStatus = new Select<>();
    final Select<Priority> macroPriority = new Select<>();
    final TextField macroTags = new TextField("Add tags");
    final Select<Macro.Assign> macroAssign = new Select<>();
    private final Div preview = new Div();

    CannedResponseEditor(CannedResponseService responses, UUID agentId, CannedResponseView existing,
            Consumer<CannedResponseView> saved) {
        this.responses = responses;
        this.agentId = agentId;
        this.existing = existing;
        this.saved = saved;
        setId("canned-editor");
        setHeaderTitle(existing == null ? "New canned response" : "Edit “" + existing.title() + "”");
        setWidth("min(48rem, 95vw)");

        title.setId("canned-title");
        shortcut.setId("canned-shortcut");
        shortcut.setPrefixComponent(new com.vaadin.flow.component.html.Span("/"));
        List<ResponseScope> scopes = new ArrayList<>(List.of(ResponseScope.PERSONAL));
        List<Team> teams = responses.manageableTeams(agentId);
        if (!teams.isEmpty()) {
            scopes.add(ResponseScope.TEAM);
        }
        if (responses.mayManageGlobal(agentId)) {
            scopes.add(ResponseScope.GLOBAL);
        }
        scope.setLabel("Scope");
        scope.setId("canned-scope");
        scope.setItems(scopes);
        scope.setValue(ResponseScope.PERSONAL);
        teamSelect.setLabel("Team");
        teamSelect.setId("canned-team");
        teamSelect.setItems(teams);
        teamSelect.setItemLabelGenerator(Team::getName);
        scope.addValueChangeListener(e -> teamSelect.setVisible(e.getValue() == ResponseScope.TEAM));
        teamSelect.setVisible(false);
        body.setId("canned-body");
        body.setHelperText("Variables: " + String.join(", ", Variables.KNOWN.stream().map(v -> "{{" + v + "}}")
                .toList()));
        body.setMinRows(4);
        body.setValueChangeMode(ValueChangeMode.LAZY);
        body.addValueChangeListener(e -> preview());
        shortBody.setId("canned-short-body");
        macroStatus.setLabel("Then set status");
        macroStatus.setItems(ConversationStatus.values());
        macroStatus.setEmptySelectionAllowed(true);
        macroPriority.setLabel("Then set priority");
        macroPriority.setItems(Priority.values());
        macroPriority.setEmptySelectionAllowed(true);
        macroAssign.setLabel("Then assign");
        macroAssign.setItems(Macro.Assign.values());
        macroAssign.setItemLabelGenerator(a -> a == null ? "" : a == Macro.Assign.SELF ? "to me" : "to nobody");
        macroAssign.setEmptySelectionAllowed(true);
        preview.addClassName("canned-preview");
        preview.setId("canned-editor-preview");

        if (existing != null) {
            title.setValue(existing.title());
            shortcut.setValue(existing.shortcut());
            scope.setValue(existing.scope());
            scope.setReadOnly(true);
            teams.stream().filter(t -> t.getId().equals(existing.teamId())).findFirst().ifPresent(teamSelect::setValue);
            teamSelect.setReadOnly(true);
            folder.setValue(existing.folder() == null ? "" : existing.folder());
            tags.setValue(String.join(" ", existing.tags()));
            body.setValue(existing.body());
            shortBody.setValue(existing.shortBody() == null ? "" : existing.shortBody());
            macroStatus.setValue(existing.macro().status());
            macroPriority.setValue(existing.macro().priority());
            macroTags.setValue(String.join(" ", existing.macro().addTags()));
            macroAssign.setValue(existing.macro().assign());
        }

        FormLayout form = new FormLayout(title, shortcut, scope, teamSelect, folder, tags, body, shortBody,
                macroStatus, macroPriority, macroTags, macroAssign);
        form.setColspan(body, 2);
        form.setColspan(shortBody, 2);
        add(form, preview);
        Button save = new Button("Save", e -> save());
        save.setId("canned-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
        preview();
    }

    private void preview() {
        Variables.Rendering r = Variables.render(body.getValue(), responses.valuesFor(agentId, null));
        preview.getElement().setProperty("innerHTML", r.previewHtml());
    }

    void save() {
        CannedResponseInput in = new CannedResponseInput(title.getValue(), shortcut.getValue(), body.getValue(),
                shortBody.getValue(), folder.getValue(), List.of(tags.getValue().split("[\\s,;]+")), scope.getValue(),
                teamSelect.getValue() == null ? null : teamSelect.getValue().getId(), null,
                new Macro(macroStatus.getValue(), macroPriority.getValue(),
                        List.of(macroTags.getValue().split("[\\s,;]+")), macroAssign.getValue()));
        try {
            CannedResponseView result = existing == null ? responses.create(agentId, in)
                    : responses.update(agentId, existing.id(), in);
            Notifications.success("Saved");
            close();
            saved.accept(result);
        } catch (InvalidInputException | NotFoundException | AccessDeniedException e) {
            Notifications.error(e.getMessage());
        }
    }
}
