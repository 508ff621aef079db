package io.descopefilter.it.health;

import static io.descopefilter.it.health.HealthWar.descopeCheck;
import static io.descopefilter.it.health.HealthWar.health;
import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.it.support.Nodes;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code descope-filter-microprofile-health} on Payara Micro with the filter's Descope base URL pointing at a
 * loopback port where nothing listens, as when Descope cannot be reached from the server: the filter starts (it
 * fetches keys on first use), but {@code /health/ready} answers 503 with the {@code descope} check DOWN because
 * no signing keys can be loaded.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class ReadinessUnreachableDescopeIT {

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp APP = TestApp.named("offline", DESCOPE)
            .withDescopeBaseUrl(() -> Nodes.origin(closedPort()));

    @Deployment(testable = false)
    public static WebArchive app() {
        return HealthWar.of(APP);
    }

    @Test
    void readyIsDownWith503WhenDescopesKeysCannotBeLoaded() {
        Page ready = health(APP.newBrowser(), "/health/ready");

        assertThat(ready.status()).as("%s", ready).isEqualTo(503);
        assertThat(ready.json().getString("status")).as("%s", ready).isEqualTo("DOWN");
        JsonObject descope = descopeCheck(ready);
        assertThat(descope.getString("status")).as("%s", ready).isEqualTo("DOWN");
        JsonObject data = descope.getJsonObject("data");
        assertThat(data.keySet()).as("%s", ready).containsExactly("keys", "descope");
        assertThat(data.getString("keys")).as("%s", ready).isEqualTo("DOWN");
        // Whether the breaker opened too depends on how many fetches failed so far: either state is a true answer.
        assertThat(data.getString("descope")).as("%s", ready).isIn("UP", "DOWN");
        // The app itself is served: a signed-out visit of a protected page still goes to the login page.
        Page protectedPage = APP.newBrowser().get("/app/home");
        assertThat(protectedPage.status()).as("%s", protectedPage).isEqualTo(302);
        assertThat(protectedPage.location()).as("%s", protectedPage).hasValueSatisfying(location ->
                assertThat(location).startsWith(APP.url("/login")));
    }

    /** A loopback port that was free a moment ago and that nothing binds again in this test. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Nodes.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
