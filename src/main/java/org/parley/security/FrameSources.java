package org.parley.security;

import java.util.Set;

/**
 * Origins Parley's pages may show in frames (the Content-Security-Policy's {@code frame-src}), e.g. the sidebar
 * apps admins added. Implemented by the modules that frame something; read on every page load.
 */
public interface FrameSources {

    /** Origins such as {@code https://crm.example.com}. */
    Set<String> frameSources();
}
