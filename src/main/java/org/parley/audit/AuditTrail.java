package org.parley.audit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.parley.base.csv.CsvWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records security-relevant and data-changing actions. An entry joins the caller's transaction, so
 * a change and its audit record are committed together or not at all.
 */
@Service
public class AuditTrail {

    private static final int EXPORT_PAGE = 500;

    private final AuditRepository entries;
    private final EntityManager em;
    private final SecurityContextHolderStrategy contexts;

    AuditTrail(AuditRepository entries, EntityManager em, ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.entries = entries;
        this.em = em;
        this.contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String subjectType, Object subjectId, String details) {
        // persist, not the repository's save: an entry's id is assigned before it is stored and it has no version,
        // so save would take it for an existing row and read it (a select per entry) before inserting it
        em.persist(new AuditEntry(Instant.now(), currentActor(), action, subjectType,
                subjectId == null ? null : subjectId.toString(), truncate(details), currentOrigin()));
    }

    /**
     * Records an action of someone who is not signed in (yet): a sign-in, a failed sign-in. Runs in its own
     * transaction, so the entry stays even when the caller's work fails.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAs(String actor, String action, String subjectType, Object subjectId, String details) {
        em.persist(new AuditEntry(Instant.now(), actor == null || actor.isBlank() ? "anonymous" : truncate(actor, 200),
                action, subjectType, subjectId == null ? null : subjectId.toString(), truncate(details), currentOrigin()));
    }

    /** Open coalescing windows: key → the entry that counts them. Bounded; the oldest windows go first. */
    private final java.util.Map<String, Coalesced> coalescing = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Coalesced> eldest) {
                    return size() > 10_000;
                }
            });

    private record Coalesced(UUID entryId, Instant until, int count) {
    }

    /**
     * Like {@link #recordAs}, but repeats of the same {@code key} within {@code window} add to one entry instead of
     * writing one each: its details are {@code details.apply(count)}, updated with every repeat. For events an
     * outsider can cause as often as they like (refused sign-ins), so they cannot flood the trail.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordCoalesced(String actor, String action, String subjectType, String key, java.time.Duration window,
            java.util.function.IntFunction<String> details) {
        Instant now = Instant.now();
        String k = action + "|" + key;
        synchronized (coalescing) {
            Coalesced open = coalescing.get(k);
            if (open != null && now.isBefore(open.until())) {
                int count = open.count() + 1;
                int updated = em.createNativeQuery("update audit_entry set details = ?1 where id = ?2")
                        .setParameter(1, truncate(details.apply(count))).setParameter(2, binary(open.entryId()))
                        .executeUpdate();
                if (updated == 1) {
                    coalescing.put(k, new Coalesced(open.entryId(), open.until(), count));
                    return;
                }
            }
            AuditEntry entry = new AuditEntry(now, actor == null || actor.isBlank() ? "anonymous" : truncate(actor, 200),
                    action, subjectType, null, truncate(details.apply(1)), currentOrigin());
            em.persist(entry);
            coalescing.put(k, new Coalesced(entry.getId(), now.plus(window), 1));
        }
    }

    /**
     * A page of entries matching the search, newest first, continuing after the given entry (keyset paging:
     * every page costs what the first costs).
     */
    @Transactional(readOnly = true)
    public List<AuditEntry> search(AuditSearch search, AuditCursor after, int limit) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<AuditEntry> query = cb.createQuery(AuditEntry.class);
        Root<AuditEntry> entry = query.from(AuditEntry.class);
        List<Predicate> where = new ArrayList<>();
        if (notBlank(search.actor())) {
            where.add(cb.like(cb.lower(entry.get("actor")), "%" + likeEscaped(search.actor()) + "%", '\\'));
        }
        if (notBlank(search.action())) {
            where.add(cb.like(entry.get("action"), likeEscaped(search.action().strip()) + "%", '\\'));
        }
        if (notBlank(search.subjectId())) {
            where.add(cb.equal(entry.get("subjectId"), search.subjectId().strip()));
        }
        if (notBlank(search.text())) {
            where.add(cb.like(cb.lower(entry.get("details")), "%" + likeEscaped(search.text()) + "%", '\\'));
        }
        if (search.from() != null) {
            where.add(cb.greaterThanOrEqualTo(entry.get("occurredAt"), search.from()));
        }
        if (search.to() != null) {
            where.add(cb.lessThan(entry.get("occurredAt"), search.to()));
        }
        if (after != null) {
            where.add(cb.or(cb.lessThan(entry.get("occurredAt"), after.occurredAt()),
                    cb.and(cb.equal(entry.get("occurredAt"), after.occurredAt()),
                            cb.lessThan(entry.get("id"), after.id()))));
        }
        query.where(where.toArray(Predicate[]::new))
                .orderBy(cb.desc(entry.get("occurredAt")), cb.desc(entry.get("id")));
        return em.createQuery(query).setMaxResults(Math.max(1, Math.min(limit, 1000))).getResultList();
    }

    /**
     * Writes every entry matching the search as CSV (UTF-8, newest first), page by page so a long trail never
     * sits in memory, and records the export itself.
     *
     * @return the number of entries written
     */
    @Transactional
    public long exportCsv(AuditSearch search, OutputStream out) throws IOException {
        long written = 0;
        try (CsvWriter csv = CsvWriter.to(out, "occurredAt", "actor", "action", "subjectType", "subjectId", "details",
                "origin")) {
            AuditCursor after = null;
            List<AuditEntry> page;
            do {
                page = search(search, after, EXPORT_PAGE);
                for (AuditEntry e : page) {
                    csv.row(e.getOccurredAt(), e.getActor(), e.getAction(), e.getSubjectType(), e.getSubjectId(),
                            e.getDetails(), e.getOrigin());
                    after = AuditCursor.of(e);
                    written++;
                }
                em.clear();
            } while (page.size() == EXPORT_PAGE);
            csv.flush();
        }
        record("audit.exported", "audit", null, written + " entries; filter " + search);
        return written;
    }

    /**
     * Erasure, the one change an entry ever sees: the entries about any of {@code subjectIds} — as their subject,
     * or naming one of them in their details — get their details from {@code rewrite(action, details)}. Time,
     * actor, action, subject and origin stay, so the trail still tells what was done when and by whom; the
     * person's data goes. Joins the caller's (erasure) transaction.
     *
     * @return how many entries changed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int redactDetails(java.util.Collection<?> subjectIds, java.util.function.BinaryOperator<String> rewrite) {
        if (subjectIds.isEmpty()) {
            return 0;
        }
        List<String> ids = subjectIds.stream().map(Object::toString).distinct().toList();
        StringBuilder jpql = new StringBuilder("select e from AuditEntry e where e.subjectId in :ids");
        for (int i = 0; i < ids.size(); i++) {
            jpql.append(" or e.details like :mention").append(i);
        }
        var query = em.createQuery(jpql.toString(), AuditEntry.class).setParameter("ids", ids);
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter("mention" + i, "%" + ids.get(i) + "%");
        }
        int changed = 0;
        for (AuditEntry e : query.getResultList()) {
            String details = e.getDetails();
            String redacted = details == null ? null : truncate(rewrite.apply(e.getAction(), details));
            if (redacted != null && !redacted.equals(details)) {
                // entries are immutable to the application; a native statement is the deliberate exception
                em.createNativeQuery("update audit_entry set details = ?1 where id = ?2")
                        .setParameter(1, redacted).setParameter(2, binary(e.getId())).executeUpdate();
                changed++;
            }
            em.detach(e);
        }
        return changed;
    }

    private static byte[] binary(java.util.UUID id) {
        return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> forSubject(Object subjectId) {
        return entries.findBySubjectIdOrderByOccurredAt(subjectId.toString());
    }

    /** Who is acting in this thread: the signed-in user or token owner, else {@code system}. */
    public String currentActor() {
        Authentication auth = contexts.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }

    private static String currentOrigin() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String details) {
        return truncate(details, 2000);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }

    private static String likeEscaped(String text) {
        return text.strip().toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
