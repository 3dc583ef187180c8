package org.parley.conversation.ui.extension;

/**
 * An add-on of the reply composer (e.g. the canned response picker, collision warnings). Spring
 * beans of this type are installed into every composer, once per composer.
 */
public interface ComposerExtension {

    void install(ComposerContext composer);
}
