package org.parley.audit;

import java.time.Instant;

/**
 * What to look for in the audit trail; every part is optional.
 *
 * @param actor part of the user name (case-insensitive)
 * @param action an action or the start of one, e.g. {@code login} or {@code customer.}
 * @param subjectId the id of the record acted on
 * @param text part of the details
 * @param from inclusive lower bound of the time
 * @param to exclusive upper bound of the time
 */
public record AuditSearch(String actor, String action, String subjectId, String text, Instant from, Instant to) {

    public static final AuditSearch ALL = new AuditSearch(null, null, null, null, null, null);
}
