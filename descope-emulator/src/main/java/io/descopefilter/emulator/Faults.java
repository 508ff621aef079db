package io.descopefilter.emulator;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Faults currently armed, by exact request path. Thread-safe; never applies to {@code /emulator/*}. */
public final class Faults {

    private final Map<String, Fault> byPath = new ConcurrentHashMap<>();

    public void set(String path, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        if (path == null || !path.startsWith("/") || path.startsWith("/emulator/")) {
            throw new IllegalArgumentException("path must be an API path such as /v1/auth/magiclink/verify");
        }
        byPath.put(path, fault);
    }

    public void remove(String path) {
        byPath.remove(path);
    }

    public void clear() {
        byPath.clear();
    }

    /** A snapshot of the armed faults, sorted by path. */
    public Map<String, Fault> active() {
        return new TreeMap<>(byPath);
    }

    /** Takes one application of the fault armed for this path, counting down limited faults atomically. */
    public Optional<Fault> take(String path) {
        AtomicReference<Fault> taken = new AtomicReference<>();
        byPath.computeIfPresent(path, (key, fault) -> {
            taken.set(fault);
            if (fault.times() == 0) {
                return fault;
            }
            return fault.times() == 1 ? null : new Fault(fault.latency(), fault.status(), fault.errorCode(),
                    fault.body(), fault.drop(), fault.times() - 1);
        });
        return Optional.ofNullable(taken.get());
    }
}
