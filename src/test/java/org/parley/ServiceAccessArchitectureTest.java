package org.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.InboxQueries;
import org.parley.realtime.NotificationCenter;
import org.parley.report.Reports;
import org.parley.sla.SlaClocks;
import org.parley.support.archfixture.ForeignUser;
import org.parley.support.archfixture.PublicRepository;
import org.parley.support.archfixture.UncheckedService;
import org.parley.support.archfixture.internal.Thing;
import org.parley.support.archfixture.internal.ThingRepository;
import org.parley.support.archfixture.ui.SystemViewerScreen;
import org.springframework.data.repository.Repository;

/**
 * Access rules cannot be bypassed by calling another method or by borrowing Parley's own identity:
 * <ul>
 * <li>every public method of the services that read or change conversations (and the customer timeline, which
 * {@link ConversationService} serves), the inbox queues ({@link InboxQueries}), SLA clocks and escalations,
 * notifications and reports takes the
 * {@link Viewer} first (an agent, a token, or Parley's own SYSTEM, ROUTING or SLA), so there is no unchecked
 * twin to call instead; what only the module itself needs is package-private;</li>
 * <li>screens ({@code ..ui..}) and REST controllers ({@code ..api..}) never use Parley's own viewers
 * ({@link Viewer#SYSTEM}, {@link Viewer#ROUTING}, {@link Viewer#SLA}): they act as the signed-in user;</li>
 * <li>repositories (which check nothing) are package-private; the only public ones sit in a module's
 * {@code internal} package and are used by that module alone.</li>
 * </ul>
 * Each rule is also run against deliberate violations in {@code org.parley.support.archfixture}, so that a rule
 * that silently matches nothing would fail here.
 */
class ServiceAccessArchitectureTest {

    private static final JavaClasses PARLEY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.parley");

    /** The services whose public methods must take the viewer first. */

    static final ArchCondition<JavaMethod> TAKE_THE_VIEWER_FIRST = new ArchCondition<>("take the viewer first") {
        @Override
        public void check(JavaMethod method, ConditionEvents events) {
            boolean first = !method.getRawParameterTypes().isEmpty()
                    && method.getRawParameterTypes().getFirst().isEquivalentTo(Viewer.class);
            events.add(new SimpleConditionEvent(method, first, method.getFullName()
                    + (first ? " takes" : " does not take") + " the viewer first"));
        }
    };

    static ArchRule viewerFirstIn(Class<?> service) {
        return methods().that().areDeclaredIn(service).and().arePublic().should(TAKE_THE_VIEWER_FIRST);
    }

    static final ArchRule SCREENS_AND_CONTROLLERS_ACT_AS_THEIR_USER = noClasses()
            .that().resideInAnyPackage("..ui..", "..api..")
            .should().accessField(Viewer.class, "SYSTEM")
            .orShould().accessField(Viewer.class, "ROUTING")
            .orShould().accessField(Viewer.class, "SLA")
            .because("screens and REST controllers act as the signed-in user or token (ConversationAccess"
                    + ".currentViewer/viewerOf), never as Parley itself");

    static final ArchRule REPOSITORIES_ARE_PACKAGE_PRIVATE = classes()
            .that().areAssignableTo(Repository.class).and().areInterfaces()
            .and().resideOutsideOfPackage("..internal..")
            .should().notBePublic()
            .because("a repository checks no access rule: only its module's services may use it");

    /** Every class that uses a public internal repository is in the repository's own module under {@code root}. */
    static ArchRule internalRepositoriesStayInTheirModule(String root) {
        return classes().that().areAssignableTo(Repository.class).and().areInterfaces()
                .and().resideInAPackage("..internal..")
                .should(new ArchCondition<>("be used only inside their own module") {
                    @Override
                    public void check(JavaClass repository, ConditionEvents events) {
                        String module = moduleOf(repository, root);
                        for (Dependency d : repository.getDirectDependenciesToSelf()) {
                            String user = moduleOf(d.getOriginClass(), root);
                            if (!module.equals(user)) {
                                events.add(SimpleConditionEvent.violated(d, d.getOriginClass().getName()
                                        + " (module '" + user + "') uses " + repository.getName()
                                        + " of module '" + module + "'"));
                            }
                        }
                    }
                });
    }

    /** The first package segment below {@code root} ("" for a class directly in it). */
    static String moduleOf(JavaClass c, String root) {
        String p = c.getPackageName();
        if (!p.startsWith(root + ".")) {
            return "";
        }
        String rest = p.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @Test
    void everyPublicMethodOfTheConversationServiceTakesTheViewerFirst() {
        viewerFirstIn(ConversationService.class).check(PARLEY);
    }

    @Test
    void everyPublicMethodOfSnoozesTakesTheViewerFirst() {
        viewerFirstIn(org.parley.conversation.Snoozes.class).check(PARLEY);
    }

    @Test
    void everyPublicMethodOfTheSearchAndTheSavedViewsTakesTheViewerFirst() {
        viewerFirstIn(org.parley.search.ConversationSearch.class).check(PARLEY);
        viewerFirstIn(org.parley.search.SavedViews.class).check(PARLEY);
    }

    @Test
    void everyPublicMethodOfTheConversationMergesTakesTheViewerFirst() {
        viewerFirstIn(org.parley.conversation.ConversationMerges.class).check(PARLEY);
    }

    @Test
    void everyPublicMethodOfTheInboxQueriesTakesTheViewerFirst() {
        viewerFirstIn(InboxQueries.class).check(PARLEY);
    }

    @Test
    void everyPublicMethodOfTheSlaClocksTakesTheViewerFirst() {
        viewerFirstIn(SlaClocks.class).check(PARLEY);
    }

    @Test
    void everyPublicMethodOfTheNotificationCenterTakesTheViewerFirst() {
        viewerFirstIn(NotificationCenter.class).check(PARLEY);
    }

    @Test
    void everyPublicMethodOfTheReportsTakesTheViewerFirst() {
        viewerFirstIn(Reports.class).check(PARLEY);
    }

    @Test
    void screensAndControllersNeverUseParleysOwnViewers() {
        SCREENS_AND_CONTROLLERS_ACT_AS_THEIR_USER.check(PARLEY);
    }

    @Test
    void repositoriesArePackagePrivateOrInternalToTheirModule() {
        REPOSITORIES_ARE_PACKAGE_PRIVATE.check(PARLEY);
        internalRepositoriesStayInTheirModule("org.parley").check(PARLEY);
    }

    /** The rules are not vacuous: each one fails on a deliberate violation. */
    @Test
    void eachRuleFailsOnADeliberateViolation() {
        JavaClasses fixtures = new ClassFileImporter().importClasses(UncheckedService.class, SystemViewerScreen.class,
                PublicRepository.class, ThingRepository.class, Thing.class, ForeignUser.class, Viewer.class);
        assertThatThrownBy(() -> viewerFirstIn(UncheckedService.class).check(fixtures))
                .isInstanceOf(AssertionError.class).hasMessageContaining("read(java.util.UUID)")
                .hasMessageNotContaining("read(org.parley");
        assertThatThrownBy(() -> SCREENS_AND_CONTROLLERS_ACT_AS_THEIR_USER.check(fixtures))
                .isInstanceOf(AssertionError.class).hasMessageContaining(SystemViewerScreen.class.getName());
        assertThatThrownBy(() -> REPOSITORIES_ARE_PACKAGE_PRIVATE.check(fixtures))
                .isInstanceOf(AssertionError.class).hasMessageContaining(PublicRepository.class.getName());
        assertThatThrownBy(() -> internalRepositoriesStayInTheirModule("org.parley.support.archfixture").check(fixtures))
                .isInstanceOf(AssertionError.class).hasMessageContaining(ForeignUser.class.getName());
    }
}
