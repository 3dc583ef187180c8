/**
 * Agents, roles and teams.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "base"})
package org.parley.team;
