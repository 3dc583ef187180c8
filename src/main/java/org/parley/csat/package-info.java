/**
 * Customer satisfaction (CSAT): after a conversation is resolved the customer gets a one-question survey (a score
 * of 1 to 5 and an optional comment) through a signed link that needs no login; the answer is written in the
 * conversation's timeline, published as {@link org.parley.csat.SatisfactionRated} (routing rules can react to a low
 * score) and counted in the satisfaction report.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "conversation", "team"})
package org.parley.csat;
