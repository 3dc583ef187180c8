/**
 * Data protection: export everything held about a customer, erase a customer on request, and the retention
 * policy for resolved conversations.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "base", "conversation", "customer", "security", "team"},
        displayName = "Privacy")
package org.parley.privacy;
