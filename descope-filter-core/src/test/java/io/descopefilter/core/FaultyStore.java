package io.descopefilter.core;

import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that works like its delegate until told to fail: {@link Mode#THROWING} fails every call at once the way
 * a client library does, {@link Mode#HANGING} holds every call for the store's timeout and then fails.
 */
public final class FaultyStore implements SharedStore {

    public enum Mode { WORKING, THROWING, HANGING }

    private final SharedStore delegate;
    private final Duration timeout;
    private volatile Mode mode = Mode.WORKING;
    private final AtomicInteger calls = new AtomicInteger();

    public FaultyStore(SharedStore delegate, Duration timeout) {
        this.delegate = delegate;
        this.timeout = timeout;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Operations that reached this store. */
    public int calls() {
        return calls.get();
    }

    private void maybeFail() {
        calls.incrementAndGet();
        switch (mode) {
            case THROWING -> throw new IllegalStateException("Connection refused: store at 127.0.0.1");
            case HANGING -> {
                try {
                    Thread.sleep(timeout.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new StoreUnavailableException("timed out after " + timeout.toMillis() + " ms");
            }
            default -> {
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T faulty(Class<T> type, T target) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
            }
            maybeFail();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Override
    public SharedMap map(String name, Duration timeToLive) {
        return faulty(SharedMap.class, delegate.map(name, timeToLive));
    }

    @Override
    public SharedLimiter limiter(String name, long limit, Duration window) {
        return faulty(SharedLimiter.class, delegate.limiter(name, limit, window));
    }

    @Override
    public void ping() {
        maybeFail();
    }

    @Override
    public String describe() {
        return "faulty test store";
    }

    @Override
    public void close() {
        delegate.close();
    }
}
