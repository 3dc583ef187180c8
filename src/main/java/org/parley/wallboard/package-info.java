/**
 * The live wallboard: per team the queue depth, unassigned conversations, the oldest waiting one,
 * agents online, away and offline, SLA at-risk and breached counts, and desk totals — computed by a
 * few grouped queries over covering indexes, recomputed at most once per refresh interval when
 * conversations, presence or escalations change, and pushed to every open board.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "conversation", "realtime", "routing", "security", "team"})
package org.parley.wallboard;
