package io.descopefilter.it.containersecurity;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Jakarta Security bridge ({@code descope-filter-jakarta-security} in {@code WEB-INF/lib}) on Payara Micro: the
 * container's own security sees the user the filter signed in. An EJB {@code @RolesAllowed("admin")} method lets a
 * user with the Descope project role {@code admin} in and refuses others, and {@code SecurityContext} and
 * {@code @Inject Principal} name the Descope user ID. No role mapping is deployed: Payara maps a group to the role of
 * the same name by default, which is what a user of the bridge relies on. One deployment: the adapter boots one
 * Payara per WAR.
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
        securityJars().forEach(jar -> war.addAsLibrary(new File(jar.toString())));
        return war;
    }

    /** The bridge's jar, copied by the build into the directory named by {@code it.security.libs}. */
    private static List<Path> securityJars() {
        String directory = System.getProperty("it.security.libs");
        if (directory == null) {
            throw new IllegalStateException("system property it.security.libs is not set (see this module's pom)");
        }
        try (Stream<Path> jars = Files.list(Path.of(directory))) {
            List<Path> found = jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no jar in " + directory);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

        assertThat(seen.getString("callerPrincipal")).as("%s", seen).isEmpty();
        assertThat(seen.getBoolean("callerInAdmin")).as("%s", seen).isFalse();
        assertThat(seen.getString("requestPrincipal")).as("%s", seen).isEmpty();
        assertThat(seen.getString("ejbAdmin")).as("%s", seen).isEqualTo("denied");
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
