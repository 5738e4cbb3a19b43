package dev.regnotify;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The layering of STYLE.md, kept as rules so that it cannot rot quietly. Run as plain Jupiter tests (the ArchUnit
 * engine is not picked up by this build's Surefire and JUnit Platform), so a broken rule fails the build.
 */
class ArchitectureTest {

    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.regnotify");

    /** Every top-level package of ours: each is a layer below, so a new package must say where it stands. */
    private static final Set<String> PACKAGES = Set.of("registry", "storage", "events", "records", "config", "wire",
            "webhooks", "delivery", "tracing", "journal", "messaging", "subscriptions", "assembly", "console", "cdi",
            "tools", "demo");

    /** Delivery's pieces, each a concern of its own below the endpoint. */
    private static final String[] DELIVERY_PIECES = {"dev.regnotify.delivery.http..",
        "dev.regnotify.delivery.retry..", "dev.regnotify.delivery.deadletter..", "dev.regnotify.delivery.metrics..",
        "dev.regnotify.delivery.attempts.."};

    private static final String ENDPOINT = "dev\\.regnotify\\.delivery\\.Endpoint(\\$.*)?";

    @Test
    void everyPackageOfOursHasItsPlaceInTheLayers() {
        Set<String> found = new TreeSet<>();
        for (JavaClass type : LIBRARY) {
            found.add(type.getPackageName().replaceFirst("^dev\\.regnotify\\.?", "").split("\\.")[0]);
        }
        assertEquals(new TreeSet<>(PACKAGES), found, "a package of ours that the layers do not name");
    }

    /**
     * Which of our packages each package may use; dependencies within a package and on outside libraries are not
     * this rule's business (the rules below keep the plain-Java packages free of {@code jakarta.*}).
     */
    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String name : PACKAGES) {
            layers = layers.layer(name).definedBy("dev.regnotify." + name + "..");
        }
        layers
                // the storage SPI and its value types
                .whereLayer("registry").mayNotAccessAnyLayer()
                // plain values, read from JSON or YAML
                .whereLayer("config").mayNotAccessAnyLayer()
                .whereLayer("events").mayOnlyAccessLayers("registry")
                // internal: the journal and the broker share it, so it may know neither
                .whereLayer("records").mayOnlyAccessLayers("events", "registry")
                .whereLayer("storage").mayOnlyAccessLayers("registry")
                // a signer is made from the signing settings (SigningConfig), a plain value: receivers use it too
                .whereLayer("webhooks").mayOnlyAccessLayers("config")
                // each wire shape is the one that its config.Format value names
                .whereLayer("wire").mayOnlyAccessLayers("config", "events", "registry")
                // SigningSink signs with webhooks' signer; no journal, broker or CDI edge
                .whereLayer("delivery").mayOnlyAccessLayers("config", "events", "registry", "wire", "webhooks")
                // an event's trace context, and an attempt's span around delivery's transport (its vocabulary)
                .whereLayer("tracing").mayOnlyAccessLayers("config", "delivery", "events", "registry")
                // the journal plugs into delivery's seams (NotificationQueue, DeadLetterFiles, EventLog)
                .whereLayer("journal").mayOnlyAccessLayers("config", "delivery", "events", "records", "registry")
                // the broker is an endpoint's receiver and a queue to deliver from: delivery's seams again
                .whereLayer("messaging")
                .mayOnlyAccessLayers("config", "delivery", "events", "records", "registry", "wire")
                // subscriptions are endpoints' configurations with owners and secrets; where they run is a seam of
                // theirs (SubscriptionEndpoints) that the assembly implements
                .whereLayer("subscriptions").mayOnlyAccessLayers("config", "delivery")
                // which queue, which broker role, which endpoints: plain Java, below the CDI edge
                .whereLayer("assembly").mayOnlyAccessLayers("config", "delivery", "events", "journal", "messaging",
                        "records", "registry", "tracing", "webhooks", "wire", "subscriptions")
                // the console shows the endpoints the assembly started, and serves the subscriptions' API: plain Java
                // on the JDK's HTTP server
                .whereLayer("console").mayOnlyAccessLayers("config", "delivery", "events", "registry", "subscriptions")
                // the CDI edge gathers the beans and hands them to the assembly
                .whereLayer("cdi").mayOnlyAccessLayers("registry", "storage", "events", "records", "config", "wire",
                        "webhooks", "delivery", "tracing", "journal", "messaging", "subscriptions", "assembly",
                        "console")
                // operator commands in the jar: the journal's directory and the plain-Java assembly, nothing of CDI
                .whereLayer("tools").mayOnlyAccessLayers("config", "delivery", "journal", "assembly")
                .whereLayer("tools").mayNotBeAccessedByAnyLayer()
                .whereLayer("demo").mayNotBeAccessedByAnyLayer()
                .check(LIBRARY);
    }

    @Test
    void deliveryIsPlainJava() {
        noClasses().that().resideInAPackage("dev.regnotify.delivery..")
                .should().dependOnClassesThat().resideInAPackage("jakarta..").check(LIBRARY);
    }

    /** The pieces get what they need from whoever builds them: a worker never holds the thing that built it. */
    @Test
    void deliveryPiecesNeverReachBackToTheEndpoint() {
        endpointStaysAbove(DELIVERY_PIECES).check(LIBRARY);
    }

    /**
     * What the pieces may use of {@code dev.regnotify.delivery} itself: the words every part of delivery speaks, which
     * use no piece in turn, so that no import runs from a piece back up to the endpoint's package and none closes a
     * circle.
     */
    private static final String VOCABULARY = "dev\\.regnotify\\.delivery\\.(Envelope|Sink|DeliveryException"
            + "|DeliveryAbandonedException|AttemptListener|DeliveryListener|DeadLetter|EndpointMetricsMXBean)(\\$.*)?";

    @Test
    void deliveryPiecesUseOnlyTheVocabularyOfTheirParent() {
        noClasses().that().resideInAnyPackage(DELIVERY_PIECES).should().dependOnClassesThat(
                resideInAPackage("dev.regnotify.delivery").and(not(nameMatching(VOCABULARY)))).check(LIBRARY);
    }

    @Test
    void theVocabularyUsesNoPiece() {
        noClasses().that().haveNameMatching(VOCABULARY).should().dependOnClassesThat()
                .resideInAnyPackage(DELIVERY_PIECES).check(LIBRARY);
    }

    @Test
    void deliveryPiecesFormNoCircle() {
        slices().matching("dev.regnotify.delivery.(*)..").should().beFreeOfCycles().check(LIBRARY);
    }

    /** If the endpoint were renamed, the rule above would hold for nothing: its assemblers show that it still bites. */
    @Test
    void theEndpointRuleBites() {
        ArchRule assemblers = endpointStaysAbove("dev.regnotify.delivery", "dev.regnotify.cdi..");
        assertThrows(AssertionError.class, () -> assemblers.check(LIBRARY));
    }

    private static ArchRule endpointStaysAbove(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().haveNameMatching(ENDPOINT);
    }

    @Test
    void tracingIsPlainJava() {
        noClasses().that().resideInAPackage("dev.regnotify.tracing..")
                .should().dependOnClassesThat().resideInAPackage("jakarta..").check(LIBRARY);
    }

    /**
     * The OpenTelemetry API is optional: one class uses it, and it is loaded only when the API is there, so that the
     * library runs without it.
     */
    @Test
    void oneClassAloneUsesOpenTelemetry() {
        noClasses().that().haveNameNotMatching("dev\\.regnotify\\.tracing\\.OpenTelemetryTracing(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("io.opentelemetry..").check(LIBRARY);
    }

    @Test
    void journalIsPlainJava() {
        noClasses().that().resideInAPackage("dev.regnotify.journal..")
                .should().dependOnClassesThat().resideInAPackage("jakarta..").check(LIBRARY);
    }

    @Test
    void recordsArePlainJava() {
        noClasses().that().resideInAPackage("dev.regnotify.records..")
                .should().dependOnClassesThat().resideInAPackage("jakarta..").check(LIBRARY);
    }

    /** Jakarta Messaging is its business; CDI is not (its package says so). */
    @Test
    void messagingUsesNoCdi() {
        noClasses().that().resideInAPackage("dev.regnotify.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.enterprise..", "jakarta.inject..",
                        "jakarta.interceptor..", "jakarta.annotation..")
                .check(LIBRARY);
    }

    @Test
    void webhookSignaturesArePlainJavaForReceiversToo() {
        noClasses().that().resideInAPackage("dev.regnotify.webhooks..")
                .should().dependOnClassesThat().resideInAPackage("jakarta..").check(LIBRARY);
    }

    @Test
    void configurationIsPlainValues() {
        noClasses().that().resideInAPackage("dev.regnotify.config..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.enterprise..", "jakarta.inject..")
                .check(LIBRARY);
    }

    @Test
    void aBrokenRuleFails() {
        ArchRule broken = noClasses().that().resideInAPackage("dev.regnotify.cdi..")
                .should().dependOnClassesThat().resideInAPackage("dev.regnotify.events..");
        assertThrows(AssertionError.class, () -> broken.check(LIBRARY));
    }

    /** The console's core is plain Java; its Jakarta REST resource lives in a package of its own. */
    @Test
    void consoleIsPlainJava() {
        noClasses().that().resideInAPackage("dev.regnotify.console..")
                .and().resideOutsideOfPackage("dev.regnotify.console.rest..")
                .should().dependOnClassesThat().resideInAPackage("jakarta..").check(LIBRARY);
    }

    /** Jakarta REST is optional: only the console's resource uses it, and no other Jakarta API but injection. */
    @Test
    void onlyTheConsoleResourceUsesJakartaRest() {
        noClasses().that().resideOutsideOfPackage("dev.regnotify.console.rest..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..").check(LIBRARY);
        noClasses().that().resideInAPackage("dev.regnotify.console.rest..")
                .should().dependOnClassesThat(resideInAPackage("jakarta..")
                        .and(resideOutsideOfPackage("jakarta.ws.rs.."))
                        .and(resideOutsideOfPackage("jakarta.inject..")))
                .check(LIBRARY);
    }

    /** The operator's commands run from the jar alone: no container, no API a server would provide. */
    @Test
    void toolsArePlainJava() {
        noClasses().that().resideInAPackage("dev.regnotify.tools..")
                .should().dependOnClassesThat().resideInAPackage("jakarta..").check(LIBRARY);
    }

    /** JSON-P reads and writes their documents; nothing else of Jakarta. */
    @Test
    void subscriptionsArePlainJava() {
        noClasses().that().resideInAPackage("dev.regnotify.subscriptions..")
                .should().dependOnClassesThat(resideInAPackage("jakarta..")
                        .and(resideOutsideOfPackage("jakarta.json..")))
                .check(LIBRARY);
    }

    @Test
    void assemblyIsPlainJava() {
        noClasses().that().resideInAPackage("dev.regnotify.assembly..")
                .should().dependOnClassesThat().resideInAPackage("jakarta..").check(LIBRARY);
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
}
