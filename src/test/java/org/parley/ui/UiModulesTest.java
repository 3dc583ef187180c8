package org.parley.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.ParleyApplication;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** The views keep the module rules: no cycles, only other modules' public root packages. */
class UiModulesTest {

    @Test
    void viewsRespectModuleBoundaries() {
        ApplicationModules modules = ApplicationModules.of(ParleyApplication.class);
        modules.verify();
        ApplicationModule customer = modules.getModuleByName("customer").orElseThrow();
        ApplicationModule conversation = modules.getModuleByName("conversation").orElseThrow();
        assertThat(customer.getBootstrapDependencies(modules).map(m -> m.getIdentifier().toString()).toList())
                .doesNotContain("conversation");
        assertThat(conversation.getBootstrapDependencies(modules).map(m -> m.getIdentifier().toString()).toList())
                .contains("customer");
    }
}
