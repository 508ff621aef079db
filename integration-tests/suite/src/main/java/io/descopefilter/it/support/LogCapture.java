package io.descopefilter.it.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects every log record written in this JVM while open: the containers run in-process and the filter logs
 * through {@code System.Logger}, which ends in java.util.logging. The filter's loggers ({@code io.descopefilter})
 * are opened to every level, so a token written even at debug level is caught.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private static final String FILTER_LOGGERS = "io.descopefilter";

    private final List<LogRecord> records = new ArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Logger filterLoggers = Logger.getLogger(FILTER_LOGGERS);
    private final Level previousFilterLevel;

    private LogCapture() {
        setLevel(Level.ALL);
        previousFilterLevel = filterLoggers.getLevel();
        filterLoggers.setLevel(Level.ALL);
        root.addHandler(this);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    public synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Records of the filter's own loggers. */
    public List<LogRecord> filterRecords() {
        return records().stream().filter(record -> record.getLoggerName() != null
                && record.getLoggerName().startsWith(FILTER_LOGGERS)).toList();
    }

    /** Everything that would reach a log file: formatted messages, parameters and stack traces. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (LogRecord record : records()) {
            text.append(render(record)).append('\n');
        }
        return text.toString();
    }

    /** One record as a log file would hold it. */
    public static String render(LogRecord record) {
        StringBuilder line = new StringBuilder().append(record.getLevel()).append(' ')
                .append(record.getLoggerName()).append(": ").append(format(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        return line.toString();
    }

    /** The message with its parameters filled in. */
    public static String format(LogRecord record) {
        String message = record.getMessage() == null ? "" : record.getMessage();
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length > 0) {
            try {
                message = MessageFormat.format(message, parameters);
            } catch (IllegalArgumentException e) {
                message = message + " " + Arrays.toString(parameters);
            }
        }
        return message;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        filterLoggers.setLevel(previousFilterLevel);
    }
}
