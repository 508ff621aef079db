package io.descopefilter.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A bounded closed-loop load generator on {@code java.net.http}: {@code threads} workers each send a request, wait
 * for its answer and send the next, until {@code duration} has passed or {@code maxRequests} were sent.
 */
final class Load {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "load-client");
                t.setDaemon(true);
                return t;
            }))
            .build();

    /** Multiplies every phase's duration (and request budget) for a soak: {@code -Dreliability.scale=N}. */
    static final int SCALE = Integer.getInteger("reliability.scale", 1);

    /** How long {@link #stop} waits for stopped workers: longer than a request's 30 s timeout. */
    static final Duration STOP_WAIT = Duration.ofSeconds(40);

    private Load() {
    }

    static Duration scaled(Duration d) {
        return d.multipliedBy(SCALE);
    }

    /** One kind of traffic: what to send (given a running number) and how many workers send it. */
    record Stream(String name, int threads, LongFunction<HttpRequest> request) {
    }

    /**
     * Runs every stream at once; one {@link Result} per stream, by name. However it ends (the phase is over, a
     * worker failed, or the calling test was interrupted by its timeout) the workers are stopped before it returns
     * or throws, so no request of this phase reaches the filter or the emulator after it.
     */
    static Map<String, Result> run(Duration duration, long maxRequestsPerStream, Stream... streams)
            throws Exception {
        ExecutorService workers = workers("load", Arrays.stream(streams).mapToInt(Stream::threads).sum());
        AtomicBoolean stop = new AtomicBoolean();
        try {
            Map<String, Result> results = new TreeMap<>();
            List<Future<?>> running = new ArrayList<>();
            long end = System.nanoTime() + duration.toNanos();
            for (Stream stream : streams) {
                Result result = new Result(stream.name());
                results.put(stream.name(), result);
                AtomicLong sequence = new AtomicLong();
                for (int t = 0; t < stream.threads(); t++) {
                    running.add(workers.submit(() -> {
                        long n;
                        while (!stop.get() && System.nanoTime() < end
                                && (n = sequence.getAndIncrement()) < maxRequestsPerStream) {
                            HttpRequest request = stream.request().apply(n);
                            long start = System.nanoTime();
                            int status;
                            String retryAfter = null;
                            try {
                                HttpResponse<Void> response =
                                        CLIENT.send(request, HttpResponse.BodyHandlers.discarding());
                                status = response.statusCode();
                                retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                            } catch (InterruptedException e) {
                                return null; // stopped: the request in flight is not an outcome
                            } catch (Exception e) {
                                status = -1;
                            }
                            result.record(status, System.nanoTime() - start, retryAfter != null);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> future : running) {
                future.get(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS);
            }
            return results;
        } finally {
            stop.set(true);
            stop(workers);
        }
    }

    /** A pool of daemon workers for one phase: a phase that is not stopped can never keep the test JVM alive. */
    static ExecutorService workers(String name, int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Interrupts the workers and waits until they have ended (at most {@link #STOP_WAIT}), even if the calling
     * thread was interrupted (its interrupt is kept for the caller). Workers still running then fail the phase:
     * their requests would be counted by the next one.
     */
    static void stop(ExecutorService workers) {
        workers.shutdownNow();
        boolean interrupted = false;
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            while (!workers.isTerminated()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("load workers still running " + STOP_WAIT.toSeconds()
                            + " s after they were stopped");
                }
                try {
                    workers.awaitTermination(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    }

    static String randomClient() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    /** Outcomes of one stream: counts per status and every latency. */
    static final class Result {
        final String name;
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final AtomicLong withRetryAfter = new AtomicLong();
        private long[] latencies = new long[1024];
        private int size;

        Result(String name) {
            this.name = name;
        }

        synchronized void record(int status, long nanos, boolean retryAfter) {
            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            if (retryAfter) {
                withRetryAfter.incrementAndGet();
            }
            if (size == latencies.length) {
                latencies = Arrays.copyOf(latencies, size * 2);
            }
            latencies[size++] = nanos;
        }

        synchronized long total() {
            return size;
        }

        long count(int status) {
            AtomicLong n = statuses.get(status);
            return n == null ? 0 : n.get();
        }

        synchronized double percentileMillis(double p) {
            if (size == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(latencies, size);
            Arrays.sort(sorted);
            int index = (int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1);
            return sorted[Math.max(0, index)] / 1_000_000.0;
        }

        double maxMillis() {
            return percentileMillis(100);
        }

        @Override
        public String toString() {
            return String.format("%s: %d requests, statuses %s, p50 %.1f ms, p99 %.1f ms, max %.1f ms", name,
                    total(), new TreeMap<>(statuses), percentileMillis(50), percentileMillis(99), maxMillis());
        }
    }
}
