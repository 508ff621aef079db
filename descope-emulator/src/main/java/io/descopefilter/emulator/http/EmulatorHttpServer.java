package io.descopefilter.emulator.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK HTTP server on 127.0.0.1 with a small pool of daemon threads. */
public final class EmulatorHttpServer implements AutoCloseable {

    private static final int THREADS = 32;

    private final HttpServer server;
    private final ExecutorService executor;

    private EmulatorHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static {
        // The JDK server leaves Nagle's algorithm on, which adds ~40 ms to every call on a kept-alive connection
        // (delayed ACK vs. small writes). It reads this property once, when its first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public static EmulatorHttpServer start(int port, Dispatcher dispatcher) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "descope-emulator-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            server.createContext("/", dispatcher);
            server.setExecutor(executor);
            server.start();
            return new EmulatorHttpServer(server, executor);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
