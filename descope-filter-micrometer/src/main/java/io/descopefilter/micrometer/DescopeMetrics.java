package io.descopefilter.micrometer;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts and times descope-filter's events in a Micrometer {@link MeterRegistry}. Register it like any listener:
 *
 * <pre>{@code
 * DescopeLinks.from(servletContext).addEventListener(new DescopeMetrics(registry));
 * }</pre>
 *
 * <p>Meters (tag values are lower case; every tag has a handful of values, none names a user or a login ID):
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th></tr>
 *   <tr><td>{@code descope.signins}</td><td>counter</td><td>{@code method}, {@code channel}</td></tr>
 *   <tr><td>{@code descope.signin.refusals}</td><td>counter</td><td>{@code method}, {@code reason}</td></tr>
 *   <tr><td>{@code descope.links.sent}</td><td>counter</td><td>{@code method}, {@code channel}</td></tr>
 *   <tr><td>{@code descope.links.refused}</td><td>counter</td><td>{@code method}, {@code reason}</td></tr>
 *   <tr><td>{@code descope.refreshes}</td><td>timer</td><td>{@code outcome} ({@code success} or the failure)</td></tr>
 *   <tr><td>{@code descope.signouts}</td><td>counter</td><td>{@code scope} ({@code one}, {@code everywhere})</td></tr>
 *   <tr><td>{@code descope.sessions.refused}</td><td>counter</td><td>{@code reason}</td></tr>
 *   <tr><td>{@code descope.keys.fetches}</td><td>timer</td><td>{@code outcome} ({@code success}, {@code failure})</td></tr>
 *   <tr><td>{@code descope.keys.rotations}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code descope.calls}</td><td>timer</td><td>{@code kind} ({@code CallKind}), {@code outcome}</td></tr>
 *   <tr><td>{@code descope.breaker.transitions}</td><td>counter</td><td>{@code state} ({@code open}, {@code closed})</td></tr>
 *   <tr><td>{@code descope.breaker.open}</td><td>gauge</td><td>1 while the breaker is open, else 0</td></tr>
 * </table>
 * The Prometheus registry shows them as {@code descope_signins_total}, {@code descope_calls_seconds_count} and so
 * on. Thread-safe; it keeps no state of its own but the breaker gauge.
 */
public final class DescopeMetrics implements DescopeEventListener {

    private final MeterRegistry registry;
    private final AtomicInteger breakerOpen = new AtomicInteger();

    /** Meters in {@code registry}; the breaker gauge is registered at once (0). */
    public DescopeMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        Gauge.builder("descope.breaker.open", breakerOpen, AtomicInteger::get)
                .description("1 while the Descope circuit breaker is open, else 0")
                .register(registry);
    }

    @Override
    public void onEvent(DescopeEvent event) {
        if (event instanceof DescopeEvent.SignedIn e) {
            count("descope.signins", "Browsers signed in", "method", tag(e.method()), "channel", channel(e.channel()));
        } else if (event instanceof DescopeEvent.SignInRefused e) {
            count("descope.signin.refusals", "Landings that signed nobody in", "method", tag(e.method()),
                    "reason", tag(e.reason()));
        } else if (event instanceof DescopeEvent.LinkSendSucceeded e) {
            count("descope.links.sent", "Links Descope accepted to send", "method", tag(e.method()),
                    "channel", channel(e.channel()));
        } else if (event instanceof DescopeEvent.LinkSendRefused e) {
            count("descope.links.refused", "Sends that sent nothing", "method", tag(e.method()),
                    "reason", tag(e.reason()));
        } else if (event instanceof DescopeEvent.RefreshSucceeded e) {
            time("descope.refreshes", "Session refreshes a request waited for", e.latency(), "outcome", "success");
        } else if (event instanceof DescopeEvent.RefreshRefused e) {
            time("descope.refreshes", "Session refreshes a request waited for", e.latency(), "outcome",
                    tag(e.reason()));
        } else if (event instanceof DescopeEvent.SignedOut e) {
            count("descope.signouts", "Sign-outs", "scope", tag(e.scope()));
        } else if (event instanceof DescopeEvent.SessionRefused e) {
            count("descope.sessions.refused", "Sessions refused and not renewed", "reason", tag(e.reason()));
        } else if (event instanceof DescopeEvent.KeysFetched e) {
            time("descope.keys.fetches", "Key set fetches", e.latency(), "outcome", "success");
        } else if (event instanceof DescopeEvent.KeysFetchFailed e) {
            time("descope.keys.fetches", "Key set fetches", e.latency(), "outcome", "failure");
        } else if (event instanceof DescopeEvent.KeysRotated) {
            count("descope.keys.rotations", "Key sets that differed from the one before");
        } else if (event instanceof DescopeEvent.DescopeCall e) {
            time("descope.calls", "Calls to Descope, retries included", e.latency(), "kind", tag(e.kind()),
                    "outcome", tag(e.outcome()));
        } else if (event instanceof DescopeEvent.BreakerOpened) {
            breakerOpen.set(1);
            count("descope.breaker.transitions", "Circuit breaker changes", "state", "open");
        } else if (event instanceof DescopeEvent.BreakerClosed) {
            breakerOpen.set(0);
            count("descope.breaker.transitions", "Circuit breaker changes", "state", "closed");
        }
    }

    private void count(String name, String description, String... tags) {
        Counter.builder(name).description(description).tags(tags).register(registry).increment();
    }

    private void time(String name, String description, Duration latency, String... tags) {
        Timer.builder(name).description(description).tags(tags).register(registry).record(latency);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String channel(DeliveryMethod channel) {
        return channel == null ? "unknown" : tag(channel);
    }
}
