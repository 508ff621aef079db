package io.descopefilter.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server started as a separate process, its output in a log file. {@link #close} stops the whole process tree
 * (scripts and the JVMs they start): politely first, then forcibly, each wait bounded.
 */
final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ServerProcess start(String name, List<String> command, Path directory, Map<String, String> environment,
                               Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        try {
            return new ServerProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** A port nothing listens on at the moment, on 127.0.0.1. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code done} holds; fails early if the server process ended. */
    void await(String what, Duration timeout, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before " + what + "\n"
                        + logTail());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(name + ": no " + what + " within " + timeout + "\n" + logTail());
            }
            sleep(250);
        }
    }

    /** Everything the server wrote so far (console) plus {@code extraLogs}. */
    String output(Path... extraLogs) {
        StringBuilder text = new StringBuilder(read(log));
        for (Path extra : extraLogs) {
            text.append(read(extra));
        }
        return text.toString();
    }

    String logTail() {
        String text = read(log);
        return "--- last lines of " + log + " ---\n" + (text.length() > 6000 ? text.substring(text.length() - 6000)
                : text);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!waitFor(Duration.ofSeconds(30), tree)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10), tree);
        }
    }

    private boolean waitFor(Duration timeout, List<ProcessHandle> tree) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            for (ProcessHandle handle : tree) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (handle.isAlive() && (left.isNegative()
                        || !handle.onExit().toCompletableFuture().completeOnTimeout(null, left.toMillis(),
                                TimeUnit.MILLISECONDS).thenApply(h -> true).join())) {
                    return false;
                }
                if (handle.isAlive()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
