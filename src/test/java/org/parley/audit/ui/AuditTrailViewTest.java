package org.parley.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntry;
import org.parley.audit.AuditSearch;
import org.parley.audit.AuditTrail;
import org.parley.team.Role;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class AuditTrailViewTest extends UiTest {

    @Autowired
    AuditTrail audit;

    @Test
    void adminsFilterTheTrailAndPageThroughItNewestFirst() {
        String marker = "auditee" + unique();
        for (int i = 0; i < 60; i++) {
            team.createAgent(marker + i, "Audited " + i, null, "long-enough-pw", EnumSet.of(Role.AGENT));
        }
        navigate(AuditTrailView.class);
        test($(TextField.class).id("audit-action")).setValue("agent.created");
        test($(TextField.class).id("audit-text")).setValue(marker);

        @SuppressWarnings("unchecked")
        Grid<AuditEntry> grid = $(Grid.class).id("audit-grid");
        var rows = test(grid);
        assertThat(rows.size()).isEqualTo(60);
        assertThat(rows.getRow(0).getDetails()).startsWith(marker + "59 ");
        assertThat(rows.getRow(59).getDetails()).startsWith(marker + "0 ");
        assertThat(rows.getRow(0).getActor()).isEqualTo(ADMIN);
        for (int i = 1; i < 60; i++) {
            assertThat(rows.getRow(i).getOccurredAt()).isBeforeOrEqualTo(rows.getRow(i - 1).getOccurredAt());
        }

        test($(TextField.class).id("audit-text")).setValue(marker + "5");
        assertThat(test(grid).size()).isEqualTo(11); // 5 and 50..59
    }

    @Test
    void theCsvExportHoldsTheMatchingEntriesAndIsAuditedItself() throws Exception {
        String marker = "exported" + unique();
        team.createAgent(marker, "Ex Port", null, "long-enough-pw", EnumSet.of(Role.AGENT));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = audit.exportCsv(new AuditSearch(null, "agent.created", null, marker, null, null), out);

        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(1);
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv).startsWith("occurredAt,actor,action,subjectType,subjectId,details,origin")
                .contains(ADMIN + ",agent.created,agent,").contains(marker);
        assertThat(audit.search(new AuditSearch(ADMIN, "audit.exported", null, marker, null, null), null, 10)).hasSize(1);
    }
}
