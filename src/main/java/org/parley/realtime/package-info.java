/**
 * Live updates: the after-commit live publisher, Vaadin push, STOMP, the RabbitMQ relay, presence of
 * viewers and notifications (bells).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "conversation", "conversation :: ui-extension", "customer", "security", "sla", "team"})
package org.parley.realtime;
