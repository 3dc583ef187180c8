package org.parley.reply.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.reply.CannedResponseInput;
import org.parley.reply.CannedResponseService;
import org.parley.reply.CannedResponseView;
import org.parley.reply.ResponseScope;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class CannedResponsesViewTest extends UiTest {

    @Autowired
    CannedResponseService responses;

    @Test
    void anAgentCreatesAPersonalResponse_cannotEditAGlobalOne_andImportsCsv() {
        String id = unique();
        CannedResponseView global = responses.create(agentId(ADMIN), new CannedResponseInput("Global " + id,
                "g" + id, "Hello", null, null, null, ResponseScope.GLOBAL, null, null, null));
        CannedResponsesView view = navigate(CannedResponsesView.class);

        test($(Button.class).id("replies-new")).click();
        CannedResponseEditor editor = $(CannedResponseEditor.class).single();
        assertThat(editor.scope.getListDataView().getItems().toList()).containsExactly(ResponseScope.PERSONAL);
        test($(TextField.class, editor).id("canned-title")).setValue("Mine " + id);
        test($(TextField.class, editor).id("canned-shortcut")).setValue("mine" + id);
        test($(TextArea.class, editor).id("canned-body")).setValue("Hi {{customer.first_name}}");
        test($(Button.class, editor).id("canned-save")).click();
        assertThat(editor.isOpened()).isFalse();

        test($(TextField.class).id("replies-search")).setValue(id);
        @SuppressWarnings("unchecked")
        Grid<CannedResponseView> grid = $(Grid.class).id("replies-grid");
        assertThat(view.shown()).extracting(CannedResponseView::title).containsExactlyInAnyOrder("Mine " + id,
                "Global " + id);
        grid.select(view.shown().stream().filter(r -> r.id().equals(global.id())).findFirst().orElseThrow());
        assertThat($(Button.class).id("replies-edit").isEnabled()).isFalse();
        assertThat($(Button.class).id("replies-delete").isEnabled()).isFalse();
        grid.select(view.shown().stream().filter(r -> r.title().equals("Mine " + id)).findFirst().orElseThrow());
        assertThat($(Button.class).id("replies-edit").isEnabled()).isTrue();

        view.importCsv(("title,shortcut,scope,body\nImported " + id + ",imp" + id + ",PERSONAL,Text\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(responses.visibleTo(agentId(AGENT))).extracting(CannedResponseView::title)
                .contains("Imported " + id);
        // a global row from an agent: nothing imported
        view.importCsv(("title,shortcut,scope,body\nA " + id + ",a" + id + ",PERSONAL,x\nB,b" + id + ",GLOBAL,y\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(responses.visibleTo(agentId(AGENT))).extracting(CannedResponseView::title)
                .doesNotContain("A " + id);
    }
}
