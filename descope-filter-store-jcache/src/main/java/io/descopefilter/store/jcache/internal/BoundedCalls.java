package io.descopefilter.store.jcache.internal;

import io.descopefilter.core.store.StoreUnavailableException;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs JCache operations with a bound on how long the caller waits. JCache is a blocking API without timeouts, and
 * a grid may block an operation for long (Hazelcast retries an invocation on a cluster that lost members for up to
 * its invocation timeout, two minutes by default), so each operation runs on a small pool and the caller waits at
 * most the store's timeout. An operation still stuck in the grid keeps its pool thread until the grid gives up; when
 * every thread and queue slot is taken, further operations fail at once instead of piling up.
 */
final class BoundedCalls implements AutoCloseable {

    private static final int THREADS = 16;
    private static final int QUEUE = 64;

    private final String store;
    private final ThreadPoolExecutor pool;

    BoundedCalls(String store) {
        this.store = store;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                runnable -> {
                    Thread thread = new Thread(runnable, "descope-jcache-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code work}, waiting at most {@code timeout}; every failure becomes {@link StoreUnavailableException}. */
    <T> T call(String operation, Duration timeout, Callable<T> work) {
        Future<T> future;
        try {
            future = pool.submit(work);
        } catch (RejectedExecutionException e) {
            throw new StoreUnavailableException(store + " is busy or closed: " + operation + " refused", e);
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StoreUnavailableException(store + " did not answer " + operation + " within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(store + ": interrupted waiting for " + operation, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreUnavailableException) {
                throw (StoreUnavailableException) cause;
            }
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                // Our own argument checks, not the grid's failure.
                throw (RuntimeException) cause;
            }
            throw new StoreUnavailableException(store + " failed " + operation + ": " + cause.getClass().getSimpleName(), cause);
        }
    }

    /** The same for work that returns nothing. */
    void run(String operation, Duration timeout, Runnable work) {
        call(operation, timeout, () -> {
            work.run();
            return null;
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
