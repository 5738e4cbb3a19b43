package dev.regnotify.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The scenario of {@link ServerScenario} in Payara Micro 6. */
class PayaraMicroIT extends ServerScenario {

    @Override
    Path work() {
        return Path.of("target", "payara-it").toAbsolutePath();
    }

    @Override
    Process start(Path war, int port, Path log) throws IOException {
        Path preboot = work().resolve("preboot.txt");
        Files.writeString(preboot, "set configs.config.server-config.network-config.network-listeners"
                + ".network-listener.http-listener.address=127.0.0.1\n");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), MARKER,
                "-Xmx512m", "-jar", System.getProperty("payara.micro.jar"), "--nohazelcast", "--disablephonehome",
                "--rootdir", work().resolve("root").toString(), "--port", Integer.toString(port),
                "--prebootcommandfile", preboot.toString(), "--deploy", war.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Override
    boolean started(String log) {
        if (log.contains("Exception while loading the app")) {
            throw new AssertionError("the application failed to deploy");
        }
        return log.contains(") ready in ");
    }
}
