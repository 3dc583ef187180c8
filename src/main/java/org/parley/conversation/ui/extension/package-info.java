/**
 * Extension points of the conversation screens that other modules implement as Spring beans
 * (live updates, composer add-ons such as the canned response picker). The conversation module
 * only knows these interfaces, so it never depends on the modules that implement them.
 */
@org.springframework.modulith.NamedInterface("ui-extension")
package org.parley.conversation.ui.extension;
