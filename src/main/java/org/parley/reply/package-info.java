/**
 * Canned responses with variables and their import/export.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "base", "conversation", "conversation :: ui-extension", "customer", "team"})
package org.parley.reply;
