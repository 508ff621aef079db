package io.descopefilter.core.internal.resilience;

import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.StoreUnavailableException;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The circuit breaker's verdict shared by every node: when one node's breaker opens (a 429 with
 * {@code Retry-After}, failures in a row), it publishes "open until" (wall-clock millis) to the store, and the
 * other nodes refuse calls to Descope until then too, instead of each learning it by failing. The store is read at
 * most once a second per node, off the calling thread, and the answer cached: a call to Descope never waits on the
 * store. When the store fails, each node has its own breaker only.
 */
public final class SharedCircuitVerdict implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SharedCircuitVerdict.class.getName());
    public static final String MAP = "descope.breaker";
    private static final String KEY = "open-until";
    private static final long READ_EVERY_MILLIS = 1000;

    private final SharedMap map;
    private final LongSupplier wallMillis;
    private final ThreadPoolExecutor io;
    private volatile long openUntilMillis;
    private final AtomicLong nextReadMillis = new AtomicLong();
    private volatile boolean storeFailing;

    public SharedCircuitVerdict(SharedMap map, LongSupplier wallMillis) {
        this.map = map;
        this.wallMillis = wallMillis;
        this.io = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16), runnable -> {
            Thread thread = new Thread(runnable, "descope-filter-breaker-verdict");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
        io.allowCoreThreadTimeOut(true);
    }

    /** This node's breaker opened for {@code waitMillis}: tells the other nodes, off the calling thread. */
    public void opened(long waitMillis) {
        long until = wallMillis.getAsLong() + waitMillis;
        openUntilMillis = Math.max(openUntilMillis, until);
        io.execute(() -> {
            try {
                map.put(KEY, ByteBuffer.allocate(Long.BYTES).putLong(until).array());
                recovered();
            } catch (StoreUnavailableException e) {
                failed();
            }
        });
    }

    /** How long, in millis, another node's verdict says calls must not go (0: they may). Never waits. */
    public long refusedForMillis() {
        long now = wallMillis.getAsLong();
        long next = nextReadMillis.get();
        if (now - next >= 0 && nextReadMillis.compareAndSet(next, now + READ_EVERY_MILLIS)) {
            io.execute(this::read);
        }
        return Math.max(0, openUntilMillis - now);
    }

    private void read() {
        try {
            long until = map.get(KEY).filter(bytes -> bytes.length == Long.BYTES)
                    .map(bytes -> ByteBuffer.wrap(bytes).getLong()).orElse(0L);
            long now = wallMillis.getAsLong();
            // A verdict is believed for at most the longest wait a breaker may take on its own.
            openUntilMillis = Math.min(until, now + TimeUnit.MINUTES.toMillis(5));
            recovered();
        } catch (StoreUnavailableException e) {
            openUntilMillis = 0;
            failed();
        }
    }

    private void failed() {
        if (!storeFailing) {
            storeFailing = true;
            LOG.log(Level.WARNING, "The Descope circuit breaker is per node while the shared store fails");
        }
    }

    private void recovered() {
        if (storeFailing) {
            storeFailing = false;
            LOG.log(Level.INFO, "The Descope circuit breaker verdict is shared through the store again");
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
