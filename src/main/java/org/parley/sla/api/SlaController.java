package org.parley.sla.api;

import java.util.List;
import java.util.UUID;
import org.parley.security.RoleGuard;
import org.parley.team.Role;
import org.parley.base.InvalidInputException;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationService;
import org.parley.sla.CalendarSpec;
import org.parley.sla.PolicySpec;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaAdministration.CalendarView;
import org.parley.sla.SlaAdministration.PolicyView;
import org.parley.sla.SlaClocks;
import org.parley.sla.SlaState;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Business-hours calendars and SLA policies over HTTP; reading for every agent, writing for LEAD and
 * ADMIN tokens. Plus a conversation's SLA: apply a policy, acknowledge an escalation.
 */
@RestController
class SlaController {

    private final SlaAdministration admin;
    private final SlaClocks clocks;
    private final RoleGuard write;

    private final ConversationService conversations;
    private final ConversationAccess access;

    SlaController(SlaAdministration admin, SlaClocks clocks, RoleGuard write,
            ConversationService conversations, ConversationAccess access) {
        this.conversations = conversations;
        this.access = access;
        this.write = write;
        this.admin = admin;
        this.clocks = clocks;
    }

    @GetMapping("/api/v1/sla/calendars")
    List<CalendarView> calendars() {
        return admin.calendars();
    }

    @GetMapping("/api/v1/sla/calendars/{id}")
    CalendarView calendar(@PathVariable UUID id) {
        return admin.calendar(id);
    }

    @PostMapping("/api/v1/sla/calendars")
    @ResponseStatus(HttpStatus.CREATED)
    CalendarView createCalendar(@RequestBody(required = false) CalendarSpec spec) {
        write.requireAny(Role.LEAD, Role.ADMIN);
        return admin.createCalendar(spec);
    }

    @PutMapping("/api/v1/sla/calendars/{id}")
    CalendarView updateCalendar(@PathVariable UUID id, @RequestBody(required = false) CalendarSpec spec) {
        write.requireAny(Role.LEAD, Role.ADMIN);
        return admin.updateCalendar(id, spec);
    }

    @DeleteMapping("/api/v1/sla/calendars/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteCalendar(@PathVariable UUID id) {
        write.requireAny(Role.LEAD, Role.ADMIN);
        admin.deleteCalendar(id);
    }

    @GetMapping("/api/v1/sla/policies")
    List<PolicyView> policies() {
        return admin.policies();
    }

    @GetMapping("/api/v1/sla/policies/{id}")
    PolicyView policy(@PathVariable UUID id) {
        return admin.policy(id);
    }

    @PostMapping("/api/v1/sla/policies")
    @ResponseStatus(HttpStatus.CREATED)
    PolicyView createPolicy(@RequestBody(required = false) PolicySpec spec) {
        write.requireAny(Role.LEAD, Role.ADMIN);
        return admin.createPolicy(spec);
    }

    @PutMapping("/api/v1/sla/policies/{id}")
    PolicyView updatePolicy(@PathVariable UUID id, @RequestBody(required = false) PolicySpec spec) {
        write.requireAny(Role.LEAD, Role.ADMIN);
        return admin.updatePolicy(id, spec);
    }

    @DeleteMapping("/api/v1/sla/policies/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deletePolicy(@PathVariable UUID id) {
        write.requireAny(Role.LEAD, Role.ADMIN);
        admin.deletePolicy(id);
    }

    record ApplyPolicy(UUID policyId) {
    }

    /** Puts a conversation under a policy by hand (rules do it with APPLY_SLA_POLICY). */
    @PutMapping("/api/v1/conversations/{id}/sla")
    SlaState apply(@PathVariable UUID id, @RequestBody(required = false) ApplyPolicy body) {
        if (body == null || body.policyId() == null) {
            throw new InvalidInputException("policyId is required");
        }
        return clocks.applyPolicy(access.currentViewer(), id, body.policyId()); // 404 for a hidden conversation
    }

    @PostMapping("/api/v1/sla/escalations/{id}/acknowledge")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void acknowledge(@PathVariable UUID id) {
        clocks.acknowledge(access.currentViewer(), id); // 404 for an escalation of a hidden conversation
    }
}
