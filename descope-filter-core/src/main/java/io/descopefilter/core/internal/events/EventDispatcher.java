package io.descopefilter.core.internal.events;

import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeEventListener;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands each event to every registered listener, in registration order, on the caller's thread. A listener that
 * throws is logged (the first time, then at most once a minute with a count) and never stops the others or the
 * request. With no listener, {@link #isActive()} is one volatile read, and emitters check it before they build an
 * event, so an application without listeners pays nothing.
 */
public final class EventDispatcher implements DescopeEventListener {

    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final List<DescopeEventListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean active;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong nextLogAt = new AtomicLong(Long.MIN_VALUE);

    /** A dispatcher for {@code listener}: itself when it is one, else a new one holding it ({@code null}: none). */
    public static EventDispatcher of(DescopeEventListener listener) {
        if (listener instanceof EventDispatcher dispatcher) {
            return dispatcher;
        }
        EventDispatcher dispatcher = new EventDispatcher();
        if (listener != null) {
            dispatcher.add(listener);
        }
        return dispatcher;
    }

    public void add(DescopeEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (listener == this) {
            throw new IllegalArgumentException("a dispatcher cannot listen to itself");
        }
        listeners.add(listener);
        active = true;
    }

    public void remove(DescopeEventListener listener) {
        listeners.remove(listener);
        active = !listeners.isEmpty();
    }

    /** Whether anyone listens: emitters build no event otherwise. */
    public boolean isActive() {
        return active;
    }

    /** The time stamp of an event made now. */
    public static Instant now() {
        return Instant.now();
    }

    @Override
    public void onEvent(DescopeEvent event) {
        if (!active) {
            return;
        }
        for (DescopeEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                report(listener, event, t);
            }
        }
    }

    private void report(DescopeEventListener listener, DescopeEvent event, Throwable t) {
        long count = failures.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLogAt.get();
        if ((next != Long.MIN_VALUE && now - next < 0) || !nextLogAt.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
            return;
        }
        LOG.log(Level.WARNING, "Event listener {0} failed on {1} with {2}; the request went on ({3} listener "
                        + "failures so far; logged at most once a minute)", listener.getClass().getName(),
                event.getClass().getSimpleName(), t.toString(), count);
    }
}
