/**
 * Shared building blocks every feature module may use: ids, the channel vocabulary, the input
 * error type the REST edge turns into a 400, and the application shell of the UI.
 */
@org.springframework.modulith.ApplicationModule(
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.parley.base;
