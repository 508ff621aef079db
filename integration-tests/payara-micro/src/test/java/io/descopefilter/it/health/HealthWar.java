package io.descopefilter.it.health;

import io.descopefilter.it.support.BuildJars;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The health scenarios' WAR (the suite's test app with {@code descope-filter-microprofile-health} in
 * {@code WEB-INF/lib} beside the filter, as README tells a team to deploy it) and Payara's health answer as a client
 * reads it over HTTP.
 */
final class HealthWar {

    private HealthWar() {
    }

    /** {@code app}'s WAR with the health module's jar, which the build copies into {@code it.health.libs}. */
    static WebArchive of(TestApp app) {
        WebArchive war = app.war();
        BuildJars.in("it.health.libs").forEach(war::addAsLibrary);
        return war;
    }

    /** {@code GET <server>/health/...} (outside the app's context path: Payara serves health at the root). */
    static Page health(Browser browser, String endpoint) {
        Page answer = browser.get(browser.app().origin() + endpoint);
        assertThat(answer.header("Content-Type")).as("%s", answer).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        return answer;
    }

    /** The check named {@code name} in a MicroProfile Health answer ({@code {"status":..,"checks":[..]}}). */
    static Optional<JsonObject> check(Page answer, String name) {
        return answer.json().getJsonArray("checks").getValuesAs(JsonValue::asJsonObject).stream()
                .filter(check -> name.equals(check.getString("name")))
                .findFirst();
    }

    /** The {@code descope} check, which must be there. */
    static JsonObject descopeCheck(Page answer) {
        return check(answer, "descope").orElseThrow(() -> new AssertionError("no descope check in " + answer));
    }
}
