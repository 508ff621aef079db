package io.descopefilter.store.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (the Debian package) on a free 127.0.0.1 port, without persistence, for one test
 * class. {@link #stop} and {@link #start} simulate an outage: it comes back on the same port, empty.
 */
final class RedisServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final int port;
    private final List<String> extraArguments;
    private Process process;
    private Path log;

    private RedisServer(int port, List<String> extraArguments) {
        this.port = port;
        this.extraArguments = extraArguments;
    }

    /** Starts a server; {@code extraArguments} are more {@code --option value} pairs (e.g. a password). */
    static RedisServer started(String... extraArguments) throws IOException {
        RedisServer server = new RedisServer(freePort(), List.of(extraArguments));
        server.start();
        return server;
    }

    /** A server on {@code port}, not started yet. */
    static RedisServer on(int port, String... extraArguments) {
        return new RedisServer(port, List.of(extraArguments));
    }

    /** A free 127.0.0.1 port. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    synchronized void start() {
        if (process != null) {
            return;
        }
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install the Debian package redis-server");
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--protected-mode", "yes", "--dir", System.getProperty("java.io.tmpdir")));
        command.addAll(extraArguments);
        try {
            if (log == null) {
                log = Files.createTempFile("redis-" + port + "-", ".log");
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start redis-server", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = readLog();
                stop();
                throw new IllegalStateException("redis-server did not start on port " + port + ":\n" + output);
            }
            pause();
        }
    }

    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        // Until the port is closed, a client could still reach the old server.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (accepts() && System.nanoTime() < deadline) {
            pause();
        }
    }

    @Override
    public void close() {
        stop();
        if (log != null) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans it up
            }
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String readLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
