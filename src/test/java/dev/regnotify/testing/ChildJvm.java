package dev.regnotify.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A child JVM on the test class path whose standard output is collected line by line; killed with SIGKILL. */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(() -> copy(process.getInputStream(), output));
        reader.start();
    }

    /** Starts the class's main with the arguments; its standard error is discarded. */
    public static ChildJvm start(Class<?> main, List<String> args) throws IOException {
        return start(main, args, entry -> true);
    }

    /** Starts the class's main with the arguments, on the test class path's entries that the filter keeps. */
    public static ChildJvm start(Class<?> main, List<String> args, Predicate<String> classPath) throws IOException {
        String kept = String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path")
                .split(File.pathSeparator)).filter(classPath).toList());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", kept, main.getName()));
        command.addAll(args);
        return new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** @return the complete lines it printed so far */
    public List<String> lines() {
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // the last piece ends without a newline: not complete, or empty
        return lines;
    }

    /** @return how many complete lines it printed so far */
    public int lineCount() {
        synchronized (output) {
            int lines = 0;
            for (byte b : output.toByteArray()) {
                lines += b == '\n' ? 1 : 0;
            }
            return lines;
        }
    }

    /** Waits until its output holds a line that matches, failing if it dies first. */
    public void awaitLine(String what, Duration timeout, Predicate<String> line) {
        Polling.await(what, timeout, () -> {
            if (!process.isAlive() && lines().stream().noneMatch(line)) {
                throw new AssertionError("the child died before " + what + "; it printed " + lineCount()
                        + " lines");
            }
            return lines().stream().anyMatch(line);
        });
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits for it to be gone and for its output to be read. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
    }

    /** Closes its standard input (a child waiting on it ends). */
    public void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process was killed
        }
    }
}
