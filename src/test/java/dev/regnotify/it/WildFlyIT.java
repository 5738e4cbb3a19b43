package dev.regnotify.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import dev.regnotify.testing.Polling;

/**
 * The scenario of {@link ServerScenario} in WildFly (its distribution, unpacked by the build). Each run gets a server
 * directory of its own, its ports shifted so that HTTP is on the test's free port, and everything bound to 127.0.0.1.
 */
class WildFlyIT extends ServerScenario {

    /** @return the server configuration to run: {@code standalone.xml}, the web profile */
    String serverConfig() {
        return "standalone.xml";
    }

    /** Changes the server's configuration file before it starts: nothing by default. */
    void configure(Path serverConfig) throws IOException {
    }

    private final ConsoleInServer console = new ConsoleInServer();

    private static final int DEFAULT_HTTP_PORT = 8080;
    // the other sockets of standalone.xml and standalone-full.xml, shifted by the same offset: https, management,
    // ajp, transactions, iiop
    private static final int[] OTHER_PORTS = {8443, 9990, 9993, 8009, 4712, 4713, 3528, 3529};

    @Override
    Path work() {
        return Path.of("target", "wildfly-it").toAbsolutePath();
    }

    /** A port whose offset from 8080 leaves every other socket of the server free too. */
    @Override
    int freeHttpPort() {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = super.freeHttpPort();
            int offset = port - DEFAULT_HTTP_PORT;
            if (offset > 0 && Arrays.stream(OTHER_PORTS).allMatch(p -> free(p + offset))) {
                return port;
            }
        }
        throw new IllegalStateException("no port whose siblings are free");
    }

    private static boolean free(int port) {
        if (port > 65535) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    Process start(Path war, int port, Path log) throws IOException {
        Path home = Path.of(System.getProperty("wildfly.home")).toAbsolutePath();
        Path base = work().resolve("standalone");
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        console.addWildFlyUsers(base.resolve("configuration"));
        configure(base.resolve("configuration").resolve(serverConfig()));
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(war, base.resolve("deployments").resolve(CONTEXT + ".war"), StandardCopyOption.REPLACE_EXISTING);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.socket.binding.port-offset=" + (port - DEFAULT_HTTP_PORT), "--server-config=" + serverConfig())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS", "-Xmx512m " + MARKER + " -Djava.net.preferIPv4Stack=true");
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1"); // the script hands SIGTERM to the server and waits for it
        return builder.start();
    }

    /** The console, behind WildFly's {@code ApplicationRealm}: BASIC, with the users the test added to it. */
    @Override
    void checkConsole(URI application, String endpoint) throws IOException {
        console.check(application, endpoint);
    }

    /** Undeploys as an operator may, through the deployment scanner: without its {@code .deployed} marker. */
    @Override
    boolean undeploy() throws IOException {
        Files.delete(marker("deployed"));
        awaitMarker("undeployed");
        return true;
    }

    /** Deploys again through the deployment scanner: a {@code .dodeploy} marker. */
    @Override
    void redeploy() throws IOException {
        Files.delete(marker("undeployed"));
        Files.createFile(marker("dodeploy"));
        awaitMarker("deployed");
    }

    private Path marker(String state) {
        return work().resolve("standalone/deployments").resolve(CONTEXT + ".war." + state);
    }

    private void awaitMarker(String state) {
        Polling.await("WildFly marks the application " + state, Duration.ofMinutes(2), () -> {
            if (Files.exists(marker("failed"))) {
                throw new AssertionError("WildFly failed to deploy or undeploy the application");
            }
            return Files.exists(marker(state));
        });
    }

    @Override
    boolean started(String log) {
        if (log.contains("WFLYSRV0026") || log.contains("WFLYCTL0186")) {
            throw new AssertionError("the server started with errors, or the application failed to deploy");
        }
        return log.contains("WFLYSRV0025") && log.contains("WFLYSRV0010");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
