package io.descopefilter.core;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures every log line of the project's loggers (System.Logger goes to java.util.logging) while open. */
final class CapturedLogs extends Handler implements AutoCloseable {

    private static final String ROOT = "io.descopefilter";

    private final Logger logger = Logger.getLogger(ROOT);
    private final Level previousLevel = logger.getLevel();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    CapturedLogs() {
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Formatted lines, as a log file would hold them. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        String text = record.getParameters() == null ? record.getMessage()
                : MessageFormat.format(record.getMessage(), record.getParameters());
        lines.add(record.getLevel() + " " + record.getLoggerName() + " " + text);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
