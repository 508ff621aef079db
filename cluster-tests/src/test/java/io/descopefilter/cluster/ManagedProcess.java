package io.descopefilter.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A process this test started (a node JVM, the emulator, nginx, redis-server), its output in a log file under
 * {@code target/}. Every one is also registered with a JVM shutdown hook, so a test JVM that dies or is stopped
 * leaves nothing running; {@link #close} stops it and its children (politely, then forcibly, each wait bounded).
 */
final class ManagedProcess implements AutoCloseable {

    private static final Set<ManagedProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ManagedProcess::kill),
                "stop-cluster-processes"));
    }

    final String name;
    final Path log;
    private final Process process;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ManagedProcess start(String name, List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(log.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            ManagedProcess started = new ManagedProcess(name, builder.start(), log);
            RUNNING.add(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** A JVM running {@code mainClass} on the test class path, with the same {@code java} as this one. */
    static ManagedProcess startJava(String name, List<String> jvmOptions, String mainClass, List<String> args,
                                    Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(testClassPath());
        command.add(mainClass);
        command.addAll(args);
        return start(name, command, log);
    }

    /**
     * The test classes and every test-scope dependency: the build writes the list to a file (surefire's own class
     * path is a one-entry manifest jar, useless to a child JVM).
     */
    static String testClassPath() {
        String file = System.getProperty("cluster.classpathFile");
        String classes = System.getProperty("cluster.testClasses");
        if (file == null || classes == null) {
            return System.getProperty("java.class.path");
        }
        try {
            return classes + File.pathSeparator + Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("the build writes the node class path to " + file, e);
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

    /** Waits until {@code done} holds; fails early, with the log's end, if the process ended. */
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
            sleep(100);
        }
    }

    /** Waits until the log contains {@code text}. */
    void awaitLog(String text, Duration timeout) {
        await("'" + text + "' in " + log, timeout, () -> output().contains(text));
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    String logTail() {
        String text = output();
        return "--- last lines of " + log + " ---\n" + (text.length() > 6000 ? text.substring(text.length() - 6000)
                : text);
    }

    long pid() {
        return process.pid();
    }

    /** Every process started and not yet stopped. */
    static List<ManagedProcess> running() {
        return List.copyOf(RUNNING);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills at once (SIGKILL), as a crash or a pulled plug would, and waits until it is gone. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(this);
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        RUNNING.remove(this);
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
