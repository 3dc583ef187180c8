package org.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;

/**
 * Access rules cannot be bypassed by calling another method: every public method of the services that read or
 * change conversations takes the {@link Viewer} first (an agent, a token, or Parley's own SYSTEM, ROUTING or
 * SLA), so there is no unchecked twin to call instead.
 */
class ServiceAccessArchitectureTest {

    private static final JavaClasses PARLEY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.parley");

    static final ArchCondition<JavaMethod> TAKE_THE_VIEWER_FIRST = new ArchCondition<>("take the viewer first") {
        @Override
        public void check(JavaMethod method, ConditionEvents events) {
            boolean first = !method.getRawParameterTypes().isEmpty()
                    && method.getRawParameterTypes().getFirst().isEquivalentTo(Viewer.class);
            events.add(new SimpleConditionEvent(method, first, method.getFullName()
                    + (first ? " takes" : " does not take") + " the viewer first"));
        }
    };

    @Test
    void everyPublicMethodOfTheConversationServiceTakesTheViewerFirst() {
        methods().that().areDeclaredIn(ConversationService.class).and().arePublic()
                .should(TAKE_THE_VIEWER_FIRST).check(PARLEY);
    }
}
