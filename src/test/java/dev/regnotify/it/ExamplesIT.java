package dev.regnotify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.testing.Receiver;

/**
 * The examples of {@code examples/} are built against the library of this build, as a user builds them, so that they
 * cannot rot: the plain Java one runs and notifies a receiver; the WAR is packaged with the library in it.
 */
class ExamplesIT {

    @BeforeAll
    static void installTheLibrary() throws Exception {
        ExampleBuilds.installLibrary();
    }

    @Test
    void thePlainJavaExampleRunsAndItsEndpointGetsThePush(@TempDir Path dir) throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Path config = dir.resolve("regnotify.json");
            Files.writeString(config, "{\"notifications\":{\"endpoints\":[{\"name\":\"builds\",\"url\":\""
                    + receiver.url() + "\"}]}}");
            ExampleBuilds.Result run = ExampleBuilds.maven(ExampleBuilds.EXAMPLES.resolve("se"), "compile",
                    "exec:java", "-Dregnotify.config=" + config,
                    "-Dregistry.root=" + dir.resolve("registry"));
            assertEquals(0, run.exit(), run.output());
            assertTrue(run.output().contains("pushed team/app:v1 sha256:"), run.output());
            receiver.awaitAccepted(2, Duration.ofSeconds(30));
            List<JsonObject> events = receiver.acceptedEvents();
            assertEquals(List.of("push", "push"), events.stream().map(e -> e.getString("action")).toList());
            assertEquals("v1", events.get(1).getJsonObject("target").getString("tag"));
            assertEquals("alice", events.get(1).getJsonObject("actor").getString("name"));
        }
    }

    /** The subscription lives in the example's database (its own SubscriptionStore): a second run finds it there. */
    @Test
    void thePlainJavaExamplesSubscriptionIsKeptInItsDatabaseAndGetsThePushOfItsTeam(@TempDir Path dir)
            throws Exception {
        try (Receiver builds = Receiver.start(); Receiver team = Receiver.start()) {
            Path config = dir.resolve("regnotify.json");
            Files.writeString(config, "{\"notifications\":{\"endpoints\":[{\"name\":\"builds\",\"url\":\""
                    + builds.url() + "\"}],\"subscriptions\":{\"allownetworks\":[\"127.0.0.0/8\"]}}}");
            List<String> arguments = List.of("compile", "exec:java", "-Dregnotify.config=" + config,
                    "-Dregistry.root=" + dir.resolve("registry"), "-Dsubscription.url=" + team.url());
            ExampleBuilds.Result first = ExampleBuilds.maven(ExampleBuilds.EXAMPLES.resolve("se"),
                    arguments.toArray(String[]::new));
            assertEquals(0, first.exit(), first.output());
            assertTrue(first.output().contains("subscription team-builds created for team/**"), first.output());
            assertTrue(!first.output().contains("whsec_"), "the secret stays out of the output");
            team.awaitAccepted(2, Duration.ofSeconds(30));
            assertTrue(team.requests().get(0).header("webhook-signature").startsWith("v1,"), "signed");

            ExampleBuilds.Result second = ExampleBuilds.maven(ExampleBuilds.EXAMPLES.resolve("se"),
                    arguments.toArray(String[]::new));
            assertEquals(0, second.exit(), second.output());
            assertTrue(second.output().contains("subscription team-builds kept from before"), second.output());
            team.awaitAccepted(4, Duration.ofSeconds(30));
        }
    }

    @Test
    void theQuarkusExampleRunsItsTestsAndDrainsAtStop() throws Exception {
        Path quarkus = ExampleBuilds.EXAMPLES.resolve("quarkus");
        Files.deleteIfExists(quarkus.resolve("target/drain.txt"));
        ExampleBuilds.Result tested = ExampleBuilds.maven(quarkus, "test");
        assertEquals(0, tested.exit(), tested.output());
        assertTrue(tested.output().contains("RN-300 notifications go to hooks"), tested.output());
        // written by its receiver after the application stopped: what the drain delivered of what was queued
        assertEquals("delivered 5 of 5", Files.readString(quarkus.resolve("target/drain.txt")).strip());
    }

    @Test
    void theWarCarriesTheLibraryAndWhatItNeeds() throws Exception {
        ExampleBuilds.war();
        try (JarFile war = new JarFile(ExampleBuilds.EXAMPLES.resolve("war/target/registry-war.war").toFile())) {
            List<String> names = war.stream().map(ZipEntry::getName).toList();
            for (String lib : List.of("WEB-INF/lib/regnotify-", "WEB-INF/lib/httpcore5-")) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith(lib)), lib + " in " + names);
            }
            assertTrue(names.stream().noneMatch(n -> n.contains("jakarta.enterprise.cdi-api")), "the server's APIs "
                    + "stay out: " + names);
        }
    }
}
