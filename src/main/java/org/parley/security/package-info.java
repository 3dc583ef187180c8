/**
 * Sign-in, sessions, API tokens and their scopes, and the HTTP security rules.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "base", "team"})
package org.parley.security;
