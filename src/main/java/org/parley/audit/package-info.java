/**
 * The audit trail: who did what, when, to which subject; searchable and exportable as CSV.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base"})
package org.parley.audit;
