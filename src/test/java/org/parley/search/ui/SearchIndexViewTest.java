package org.parley.search.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.search.SearchIndexAdmin;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class SearchIndexViewTest extends UiTest {

    @Autowired
    SearchIndexAdmin admin;

    @Test
    void anAdminRebuildsTheSearchAndSeesItsProgress() throws InterruptedException {
        SearchIndexView view = navigate(SearchIndexView.class);
        assertThat($(Span.class).id("search-index-counts").getText()).contains("messages searchable");

        test($(Button.class).id("search-rebuild")).click();
        test($(ConfirmDialog.class).id("confirm-search-rebuild")).confirm();
        assertThat(admin.awaitIdle(Duration.ofMinutes(2)).phase()).isEqualTo("DONE");
        view.refresh();

        assertThat($(Span.class).id("search-rebuild-phase").getText()).startsWith("Last rebuilt");
        assertThat($(ProgressBar.class).id("search-rebuild-progress").getValue()).isEqualTo(1.0);
        assertThat($(Button.class).id("search-rebuild").isEnabled()).isTrue();
    }
}
