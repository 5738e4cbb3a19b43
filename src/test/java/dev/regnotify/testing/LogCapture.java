package dev.regnotify.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the library logs (through {@code System.Logger}, which the JDK backs with java.util.logging), with
 * the thrown exception's message appended, so tests can assert message ids and that secrets never appear.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture(String name) {
        this.logger = Logger.getLogger(name);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** @return a capture of everything logged under {@code dev.regnotify} */
    public static LogCapture start() {
        return new LogCapture("dev.regnotify");
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        Object[] params = record.getParameters();
        if (params != null) {
            message = java.text.MessageFormat.format(message, params);
        }
        Throwable thrown = record.getThrown();
        lines.add(record.getLevel() + " " + message + (thrown == null ? "" : " | " + thrown));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** @return the lines that contain the text */
    public List<String> containing(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
