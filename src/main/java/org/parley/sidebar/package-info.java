/**
 * Sidebar apps: external apps (a CRM record, an order history, a billing page) that admins add to the customer
 * panel; each shows as a frame whose URL template is filled in with the customer and the conversation.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "base", "conversation",
        "customer", "security", "team"})
package org.parley.sidebar;
