package io.descopefilter.emulator.internal.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP server on 127.0.0.1. Its own small pool reads each request and answers {@code /emulator/*} control
 * routes directly; Descope API requests are handed to a separate pool of {@value #API_THREADS} threads. So a latency
 * fault that holds every API thread never delays the control call that lifts it.
 */
public final class EmulatorHttpServer implements AutoCloseable {

    static final int API_THREADS = 32;
    private static final int CONTROL_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService controlExecutor;
    private final ExecutorService apiExecutor;

    private EmulatorHttpServer(HttpServer server, ExecutorService controlExecutor, ExecutorService apiExecutor) {
        this.server = server;
        this.controlExecutor = controlExecutor;
        this.apiExecutor = apiExecutor;
    }

    static {
        // The JDK server leaves Nagle's algorithm on, which adds ~40 ms to every call on a kept-alive connection
        // (delayed ACK vs. small writes). It reads this property once, when its first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public static EmulatorHttpServer start(int port, Dispatcher dispatcher) {
        ExecutorService controlExecutor = Executors.newFixedThreadPool(CONTROL_THREADS, daemons("control"));
        ExecutorService apiExecutor = Executors.newFixedThreadPool(API_THREADS, daemons("api"));
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            server.createContext("/", exchange -> {
                if (Dispatcher.isControl(exchange.getRequestURI().getRawPath())) {
                    dispatcher.handle(exchange);
                    return;
                }
                try {
                    // the exchange stays open and is completed on the API thread
                    apiExecutor.execute(() -> dispatcher.handle(exchange));
                } catch (RejectedExecutionException e) {
                    exchange.close(); // shutting down
                }
            });
            server.setExecutor(controlExecutor);
            server.start();
            return new EmulatorHttpServer(server, controlExecutor, apiExecutor);
        } catch (IOException e) {
            controlExecutor.shutdownNow();
            apiExecutor.shutdownNow();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private static ThreadFactory daemons(String kind) {
        AtomicInteger threadNumber = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "descope-emulator-" + kind + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        apiExecutor.shutdownNow();
        controlExecutor.shutdownNow();
    }
}
