package io.descopefilter.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JVM started by the harness with its own class path: it prints one {@code READY...} line when it serves, and
 * ends when its standard input closes (so it also ends when the harness dies), or is destroyed after a grace period.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final String ready;

    private ChildJvm(Process process, String ready) {
        this.process = process;
        this.ready = ready;
    }

    static ChildJvm start(String name, List<String> jvmOptions, Class<?> main, List<String> args, Path log,
                          Duration startTimeout) throws IOException, InterruptedException, TimeoutException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                String read;
                while ((read = out.readLine()) != null) {
                    if (read.startsWith("READY")) {
                        return read;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String ready = line.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (ready == null) {
                throw new IOException(name + " ended before it was ready; see " + log);
            }
            // Keep draining stdout so the child never blocks on a full pipe.
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // discarded
                    }
                } catch (IOException ignored) {
                    // the child ended
                }
            }, name + "-stdout");
            drain.setDaemon(true);
            drain.start();
            return new ChildJvm(process, ready);
        } catch (Exception e) {
            process.destroyForcibly();
            if (e instanceof TimeoutException t) {
                throw t;
            }
            throw new IOException(name + " did not start: " + e.getMessage() + "; see " + log, e);
        }
    }

    String readyLine() {
        return ready;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time of the whole process (all threads: request threads, JIT, GC), from /proc: 10 ms resolution. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
