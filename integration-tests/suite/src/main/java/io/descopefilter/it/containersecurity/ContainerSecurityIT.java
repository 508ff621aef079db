package io.descopefilter.it.containersecurity;

import io.descopefilter.it.support.BuildJars;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Jakarta Security bridge ({@code descope-filter-jakarta-security} in {@code WEB-INF/lib}) on a full Jakarta EE
 * server: the container's own security sees the user the filter signed in. An EJB {@code @RolesAllowed("admin")}
 * method lets a user with the Descope project role {@code admin} in and refuses others and anonymous callers, and
 * {@code SecurityContext}, {@code @Inject Principal} and the EJB's {@code getCallerPrincipal()} name the Descope user
 * ID. The WAR carries no server descriptor (no {@code glassfish-web.xml}, no {@code jboss-web.xml}): Payara and
 * WildFly (its default security domain {@code other}) map each group the bridge hands over to the role of the same
 * name, which is what a user of the bridge relies on. One deployment: Payara Micro's adapter boots one server per WAR.
 *
 * <p>The parent pom keeps this class off the embedded containers (no EJB, no Jakarta Security); the modules
 * {@code payara-micro} and {@code wildfly} run it, each setting in its pom what is its own: the directory of the
 * bridge's jar ({@code it.security.libs}) and how the server presents a caller who has not signed in
 * ({@code it.anonymous.caller}, {@code it.anonymous.inSecurityContext}). WildFly also needs one server setting for
 * the bridge, in that module's {@code src/test/wildfly/descope-bridge.yml} ({@code integrated-jaspi=false}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class ContainerSecurityIT {

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp APP = TestApp.named("container", DESCOPE);

    @Deployment(testable = false)
    public static WebArchive app() {
        WebArchive war = APP.war()
                .addClasses(CallerBean.class, ContainerSecurityServlet.class);
        BuildJars.in("it.security.libs").forEach(war::addAsLibrary);
        return war;
    }

    @Test
    void anAdminIsLetIntoTheAdminOnlyEjbMethod() {
        TestUser admin = DESCOPE.newUser("admin", user -> user.roles("admin"));
        JsonObject seen = containerView(signedIn(admin), "/app/container");

        assertThat(seen.getString("callerPrincipal")).as("%s", seen).isEqualTo(admin.userId());
        assertThat(seen.getBoolean("callerInAdmin")).as("%s", seen).isTrue();
        assertThat(seen.getString("injectedPrincipal")).as("%s", seen).isEqualTo(admin.userId());
        assertThat(seen.getString("requestPrincipal")).as("%s", seen).isEqualTo(admin.userId());
        assertThat(seen.getBoolean("requestInAdmin")).as("%s", seen).isTrue();
        assertThat(seen.getString("ejbAnyone")).as("%s", seen).isEqualTo(admin.userId());
        assertThat(seen.getString("ejbAdmin")).as("%s", seen).isEqualTo(admin.userId());
    }

    @Test
    void aUserWithoutTheRoleIsRefusedByTheAdminOnlyEjbMethod() {
        TestUser plain = DESCOPE.newEmailUser("plain");
        JsonObject seen = containerView(signedIn(plain), "/app/container");

        assertThat(seen.getString("callerPrincipal")).as("%s", seen).isEqualTo(plain.userId());
        assertThat(seen.getBoolean("callerInAdmin")).as("%s", seen).isFalse();
        assertThat(seen.getString("injectedPrincipal")).as("%s", seen).isEqualTo(plain.userId());
        assertThat(seen.getBoolean("requestInAdmin")).as("%s", seen).isFalse();
        assertThat(seen.getString("ejbAnyone")).as("%s", seen).isEqualTo(plain.userId());
        assertThat(seen.getString("ejbAdmin")).as("%s", seen).isEqualTo("denied");
    }

    @Test
    void anAnonymousCallerIsRefusedByTheAdminOnlyEjbMethod() {
        JsonObject seen = containerView(APP.newBrowser(), "/public/container");

        // the server's own name for an unauthenticated caller: Payara "ANONYMOUS", WildFly "anonymous" (Elytron's
        // AnonymousPrincipal), which WildFly's SecurityContext gives too where Payara's gives null
        String anonymous = serverSetting("it.anonymous.caller");
        boolean inSecurityContext = Boolean.parseBoolean(serverSetting("it.anonymous.inSecurityContext"));
        assertThat(seen.getString("callerPrincipal")).as("%s", seen).isEqualTo(inSecurityContext ? anonymous : "");
        assertThat(seen.getBoolean("callerInAdmin")).as("%s", seen).isFalse();
        assertThat(seen.getString("injectedPrincipal")).as("%s", seen).isEqualTo(anonymous);
        assertThat(seen.getString("requestPrincipal")).as("%s", seen).isEmpty();
        assertThat(seen.getString("ejbAnyone")).as("%s", seen).isEqualTo(anonymous);
        assertThat(seen.getString("ejbAdmin")).as("%s", seen).isEqualTo("denied");
    }

    /** A system property the server module's pom sets (its surefire {@code systemPropertyVariables}). */
    private static String serverSetting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (see this module's pom)");
        }
        return value;
    }

    private static Browser signedIn(TestUser user) {
        Browser browser = APP.newBrowser();
        new LinkSignIn(APP, DESCOPE).signIn(browser, user);
        return browser;
    }

    private static JsonObject containerView(Browser browser, String path) {
        Page answer = browser.get(path);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }
}
