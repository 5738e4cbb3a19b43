package dev.regnotify;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import org.junit.jupiter.api.Test;

/**
 * The layering of STYLE.md, kept as rules so that it cannot rot quietly. Run as plain Jupiter tests (the ArchUnit
 * engine is not picked up by this build's Surefire and JUnit Platform), so a broken rule fails the build.
 */
class ArchitectureTest {

    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.regnotify");

    private static final String[] OURS = {"dev.regnotify.storage..", "dev.regnotify.events..", "dev.regnotify.cdi..",
        "dev.regnotify.config..", "dev.regnotify.delivery..", "dev.regnotify.journal..", "dev.regnotify.wire..",
        "dev.regnotify.webhooks..", "dev.regnotify.demo..", "dev.regnotify.assembly.."};

    @Test
    void storageSpiDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.regnotify.registry..")
                .should().dependOnClassesThat().resideInAnyPackage(OURS).check(LIBRARY);
    }

    @Test
    void eventsDependOnTheSpiOnly() {
        noClasses().that().resideInAPackage("dev.regnotify.events..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.regnotify.storage..", "dev.regnotify.cdi..",
                        "dev.regnotify.config..", "dev.regnotify.delivery..", "dev.regnotify.wire..",
                        "dev.regnotify.demo..")
                .check(LIBRARY);
    }

    @Test
    void deliveryIsPlainJavaAndNeverReachesTheCdiEdge() {
        noClasses().that().resideInAPackage("dev.regnotify.delivery..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "dev.regnotify.cdi..",
                        "dev.regnotify.demo..")
                .check(LIBRARY);
    }

    @Test
    void deliveryKeepsTheQueueSeamAndKnowsNoJournal() {
        noClasses().that().resideInAPackage("dev.regnotify.delivery..")
                .should().dependOnClassesThat().resideInAPackage("dev.regnotify.journal..").check(LIBRARY);
    }

    @Test
    void assemblyIsPlainJavaAndNeverReachesTheCdiEdge() {
        noClasses().that().resideInAPackage("dev.regnotify.assembly..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "dev.regnotify.cdi..",
                        "dev.regnotify.demo..")
                .check(LIBRARY);
    }

    /**
     * The container is the CDI edge's business: the binding's annotation literals ({@code jakarta.enterprise.util})
     * aside, and the demo's own beans, no other package reaches {@code jakarta.enterprise}.
     */
    @Test
    void onlyTheCdiEdgeReachesTheContainer() {
        noClasses().that().resideOutsideOfPackages("dev.regnotify.cdi..", "dev.regnotify.demo..")
                .should().dependOnClassesThat(resideInAPackage("jakarta.enterprise..")
                        .and(resideOutsideOfPackage("jakarta.enterprise.util..")))
                .check(LIBRARY);
    }

    @Test
    void journalIsPlainJavaAndNeverReachesTheCdiEdge() {
        noClasses().that().resideInAPackage("dev.regnotify.journal..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "dev.regnotify.cdi..",
                        "dev.regnotify.wire..", "dev.regnotify.storage..", "dev.regnotify.demo..")
                .check(LIBRARY);
    }

    @Test
    void webhookSignaturesArePlainJavaForReceiversToo() {
        noClasses().that().resideInAPackage("dev.regnotify.webhooks..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "dev.regnotify.cdi..",
                        "dev.regnotify.delivery..", "dev.regnotify.journal..", "dev.regnotify.wire..",
                        "dev.regnotify.storage..", "dev.regnotify.events..", "dev.regnotify.demo..")
                .check(LIBRARY);
    }

    @Test
    void wireModelKnowsNothingOfDelivery() {
        noClasses().that().resideInAPackage("dev.regnotify.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.regnotify.delivery..", "dev.regnotify.cdi..",
                        "dev.regnotify.journal..", "dev.regnotify.storage..", "dev.regnotify.demo..")
                .check(LIBRARY);
    }

    @Test
    void referenceStoragesStayOutOfEventsAndDelivery() {
        noClasses().that().resideInAPackage("dev.regnotify.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.regnotify.events..", "dev.regnotify.cdi..",
                        "dev.regnotify.delivery..", "dev.regnotify.journal..", "dev.regnotify.wire..")
                .check(LIBRARY);
    }

    @Test
    void configurationIsPlainValues() {
        noClasses().that().resideInAPackage("dev.regnotify.config..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.enterprise..", "jakarta.inject..",
                        "dev.regnotify.cdi..", "dev.regnotify.delivery..", "dev.regnotify.journal..",
                        "dev.regnotify.events..")
                .check(LIBRARY);
    }

    @Test
    void libraryNeverReachesTheDemo() {
        noClasses().that().resideOutsideOfPackage("dev.regnotify.demo..")
                .should().dependOnClassesThat().resideInAPackage("dev.regnotify.demo..").check(LIBRARY);
    }

    @Test
    void aBrokenRuleFails() {
        ArchRule broken = noClasses().that().resideInAPackage("dev.regnotify.cdi..")
                .should().dependOnClassesThat().resideInAPackage("dev.regnotify.events..");
        assertThrows(AssertionError.class, () -> broken.check(LIBRARY));
    }
}
