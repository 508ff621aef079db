package io.descopefilter.store.jcache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Hazelcast member in its own JVM (the test class path, so Bucket4j's entry processors are there too), started
 * from a member configuration file. {@link #stop} kills it (an outage), {@link #start} brings it back, empty.
 */
final class HazelcastMemberProcess implements AutoCloseable {

    private final Path config;
    private final Path log;
    private Process process;

    HazelcastMemberProcess(Path config, Path log) {
        this.config = config;
        this.log = log;
    }

    synchronized void start() {
        if (process != null) {
            return;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dhazelcast.config=" + config, "-Dhazelcast.logging.type=jdk",
                "-cp", System.getProperty("java.class.path"), "com.hazelcast.core.server.HazelcastMemberStarter");
        try {
            Files.deleteIfExists(log);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start a Hazelcast member", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!started()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = readLog();
                stop();
                throw new IllegalStateException("the Hazelcast member did not start:\n" + output);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private boolean started() {
        return readLog().contains("is STARTED");
    }

    private String readLog() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
