package org.parley.sla;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.audit.AuditTrail;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.sla.internal.SlaCalendar;
import org.parley.sla.internal.SlaCalendarRepository;
import org.parley.sla.internal.SlaClockRepository;
import org.parley.sla.internal.SlaPolicy;
import org.parley.sla.internal.SlaPolicyRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Business-hours calendars and SLA policies: validated at save, stored as their editor JSON, and
 * compiled once per stored version (the cache key includes the row version, so every node sees a
 * change at its next lookup).
 */
@Service
@Transactional(readOnly = true)
public class SlaAdministration {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final SlaCalendarRepository calendars;
    private final SlaPolicyRepository policies;
    private final SlaClockRepository clocks;
    private final AuditTrail audit;
    private final Map<UUID, Compiled<BusinessHours>> hoursCache = new ConcurrentHashMap<>();
    private final Map<UUID, Compiled<PolicySpec>> policyCache = new ConcurrentHashMap<>();

    private record Compiled<T>(Long version, T value) {
    }

    public record CalendarView(UUID id, String name, String timeZone, boolean alwaysOpen,
            List<CalendarSpec.Hours> weeklyHours, List<String> holidays) {

        static CalendarView of(UUID id, CalendarSpec s) {
            return new CalendarView(id, s.name(), s.timeZone(), Boolean.TRUE.equals(s.alwaysOpen()), s.weeklyHours(),
                    s.holidays());
        }
    }

    public record PolicyView(UUID id, String name, UUID calendarId, List<PolicySpec.Target> targets,
            int warnAtPercent, int secondLevelPercent) {

        static PolicyView of(UUID id, PolicySpec s) {
            return new PolicyView(id, s.name(), s.calendarId(), s.targets(), s.warnAtPercent(),
                    s.secondLevelPercent());
        }
    }

    SlaAdministration(SlaCalendarRepository calendars, SlaPolicyRepository policies, SlaClockRepository clocks,
            AuditTrail audit) {
        this.clocks = clocks;
        this.calendars = calendars;
        this.policies = policies;
        this.audit = audit;
    }

    // ---- calendars

    public List<CalendarView> calendars() {
        return calendars.findAllByOrderByName().stream().map(c -> CalendarView.of(c.getId(), calendarSpec(c))).toList();
    }

    public CalendarView calendar(UUID id) {
        SlaCalendar c = calendars.findById(id).orElseThrow(() -> new NotFoundException("calendar " + id));
        return CalendarView.of(id, calendarSpec(c));
    }

    @Transactional
    public CalendarView createCalendar(CalendarSpec spec) {
        CalendarSpec clean = require(spec, "calendar").normalized();
        calendars.findByNameIgnoreCase(clean.name()).ifPresent(other -> {
            throw new InvalidInputException("a calendar named '" + clean.name() + "' exists already");
        });
        SlaCalendar saved = calendars.save(new SlaCalendar(clean.name(), JSON.writeValueAsString(clean)));
        audit.record("sla.calendar.created", "sla_calendar", saved.getId(), clean.name());
        return CalendarView.of(saved.getId(), clean);
    }

    @Transactional
    public CalendarView updateCalendar(UUID id, CalendarSpec spec) {
        CalendarSpec clean = require(spec, "calendar").normalized();
        SlaCalendar c = calendars.findById(id).orElseThrow(() -> new NotFoundException("calendar " + id));
        calendars.findByNameIgnoreCase(clean.name()).filter(other -> !other.getId().equals(id)).ifPresent(other -> {
            throw new InvalidInputException("a calendar named '" + clean.name() + "' exists already");
        });
        c.update(clean.name(), JSON.writeValueAsString(clean));
        audit.record("sla.calendar.updated", "sla_calendar", id, clean.name());
        return CalendarView.of(id, clean);
    }

    @Transactional
    public void deleteCalendar(UUID id) {
        SlaCalendar c = calendars.findById(id).orElseThrow(() -> new NotFoundException("calendar " + id));
        if (policies.existsByCalendarId(id)) {
            throw new InvalidInputException("calendar '" + c.getName() + "' is used by an SLA policy");
        }
        calendars.delete(c);
        hoursCache.remove(id);
        audit.record("sla.calendar.deleted", "sla_calendar", id, c.getName());
    }

    /** The compiled business hours of a calendar. */
    public Optional<BusinessHours> businessHours(UUID calendarId) {
        return calendars.findById(calendarId).map(this::hours);
    }

    public boolean calendarExists(UUID id) {
        return calendars.existsById(id);
    }

    // ---- policies

    public List<PolicyView> policies() {
        return policies.findAllByOrderByName().stream().map(p -> PolicyView.of(p.getId(), policySpec(p))).toList();
    }

    public PolicyView policy(UUID id) {
        SlaPolicy p = policies.findById(id).orElseThrow(() -> new NotFoundException("policy " + id));
        return PolicyView.of(id, policySpec(p));
    }

    public boolean policyExists(UUID id) {
        return policies.existsById(id);
    }

    public Optional<String> policyName(UUID id) {
        return policies.findById(id).map(SlaPolicy::getName);
    }

    @Transactional
    public PolicyView createPolicy(PolicySpec spec) {
        PolicySpec clean = checked(spec);
        policies.findByNameIgnoreCase(clean.name()).ifPresent(other -> {
            throw new InvalidInputException("a policy named '" + clean.name() + "' exists already");
        });
        SlaPolicy saved = policies.save(new SlaPolicy(clean.name(), clean.calendarId(), JSON.writeValueAsString(clean)));
        audit.record("sla.policy.created", "sla_policy", saved.getId(), clean.name());
        return PolicyView.of(saved.getId(), clean);
    }

    @Transactional
    public PolicyView updatePolicy(UUID id, PolicySpec spec) {
        PolicySpec clean = checked(spec);
        SlaPolicy p = policies.findById(id).orElseThrow(() -> new NotFoundException("policy " + id));
        policies.findByNameIgnoreCase(clean.name()).filter(other -> !other.getId().equals(id)).ifPresent(other -> {
            throw new InvalidInputException("a policy named '" + clean.name() + "' exists already");
        });
        p.update(clean.name(), clean.calendarId(), JSON.writeValueAsString(clean));
        audit.record("sla.policy.updated", "sla_policy", id, clean.name());
        return PolicyView.of(id, clean);
    }

    @Transactional
    public void deletePolicy(UUID id) {
        SlaPolicy p = policies.findById(id).orElseThrow(() -> new NotFoundException("policy " + id));
        if (clocks.existsByPolicyId(id)) {
            throw new InvalidInputException("policy '" + p.getName() + "' runs the SLA clocks of conversations");
        }
        policies.delete(p);
        policyCache.remove(id);
        audit.record("sla.policy.deleted", "sla_policy", id, p.getName());
    }

    /** The compiled policy and its calendar's business hours, for the clocks. */
    Optional<CompiledPolicy> compiledPolicy(UUID policyId) {
        return policies.findById(policyId).flatMap(p -> {
            PolicySpec spec = policySpec(p);
            return businessHours(spec.calendarId()).map(h -> new CompiledPolicy(p.getId(), spec, h));
        });
    }

    record CompiledPolicy(UUID id, PolicySpec spec, BusinessHours hours) {
    }

    private PolicySpec checked(PolicySpec spec) {
        PolicySpec clean = require(spec, "policy").normalized();
        if (!calendars.existsById(clean.calendarId())) {
            throw new InvalidInputException("unknown calendarId " + clean.calendarId());
        }
        return clean;
    }

    private CalendarSpec calendarSpec(SlaCalendar c) {
        return JSON.readValue(c.getDefinition(), CalendarSpec.class);
    }

    private PolicySpec policySpec(SlaPolicy p) {
        Compiled<PolicySpec> cached = policyCache.get(p.getId());
        if (cached != null && cached.version().equals(p.getVersion())) {
            return cached.value();
        }
        PolicySpec spec = JSON.readValue(p.getDefinition(), PolicySpec.class);
        policyCache.put(p.getId(), new Compiled<>(p.getVersion(), spec));
        return spec;
    }

    private BusinessHours hours(SlaCalendar c) {
        Compiled<BusinessHours> cached = hoursCache.get(c.getId());
        if (cached != null && cached.version().equals(c.getVersion())) {
            return cached.value();
        }
        BusinessHours hours = calendarSpec(c).toBusinessHours();
        hoursCache.put(c.getId(), new Compiled<>(c.getVersion(), hours));
        return hours;
    }

    private static <T> T require(T body, String what) {
        if (body == null) {
            throw new InvalidInputException("the " + what + " is missing");
        }
        return body;
    }
}
