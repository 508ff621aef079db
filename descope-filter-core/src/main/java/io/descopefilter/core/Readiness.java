package io.descopefilter.core;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Whether this node can sign people in and check their sessions now: a few named checks, each true or false. The
 * filter's health endpoint ({@code healthPath}) and the MicroProfile Health check answer from it.
 *
 * <p>{@link #of} checks {@code keys} (a usable key set is held, or can be fetched within {@code keyFetchWait}) and
 * {@code descope} (the circuit breaker is closed); {@link #with} adds one more, such as a shared store's
 * reachability. A check that throws counts as down. Nothing here names a token, key or user.
 */
public final class Readiness {

    private static final System.Logger LOG = System.getLogger(Readiness.class.getName());

    /** The answer: {@code up} when every check passed; {@code checks} by name, in the order they were added. */
    public record Report(boolean up, Map<String, Boolean> checks) {
        public Report {
            checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }
    }

    private final Map<String, BooleanSupplier> checks;

    private Readiness(Map<String, BooleanSupplier> checks) {
        this.checks = checks;
    }

    /** {@code keys}: the validator holds (or just fetched) usable keys; {@code descope}: the breaker is closed. */
    public static Readiness of(DescopeClient client, SessionValidator validator) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(validator, "validator");
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("keys", validator::keysReady);
        checks.put("descope", () -> !client.isCircuitOpen());
        return new Readiness(checks);
    }

    /** These checks and one more, named {@code name} (letters, digits, {@code -} and {@code _}). */
    public Readiness with(String name, BooleanSupplier check) {
        Objects.requireNonNull(check, "check");
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,40}") || checks.containsKey(name)) {
            throw new IllegalArgumentException("a check needs a new name of 1 to 40 letters, digits, - or _");
        }
        Map<String, BooleanSupplier> more = new LinkedHashMap<>(checks);
        more.put(name, check);
        return new Readiness(more);
    }

    /** Runs every check now. */
    public Report check() {
        Map<String, Boolean> results = new LinkedHashMap<>();
        boolean up = true;
        for (Map.Entry<String, BooleanSupplier> check : checks.entrySet()) {
            boolean passed;
            try {
                passed = check.getValue().getAsBoolean();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Readiness check {0} failed with {1}", check.getKey(), e.getClass().getName());
                passed = false;
            }
            results.put(check.getKey(), passed);
            up &= passed;
        }
        return new Report(up, results);
    }
}
