package dev.regnotify.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.journal.Journal;

/** A process that holds a journal open: prints {@code open}, then waits until its standard input closes. */
public final class JournalHolder {

    private JournalHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (Journal journal = Journal.open(JournalConfig.in(Path.of(args[0])), Executors.defaultThreadFactory())) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold it
            }
        }
    }
}
