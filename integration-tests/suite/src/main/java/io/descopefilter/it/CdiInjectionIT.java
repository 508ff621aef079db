package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.OffRequestInvitation;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code @Inject DescopeLinks} in a servlet, with Weld (weld-servlet-core) as the CDI container of the embedded
 * servers; every other scenario reaches the bean through {@code DescopeLinks.from(ServletContext)}. Also off any
 * request: a job on a thread the application owns gets {@code DescopeLinks} from CDI there (no request context is
 * active on it) and makes an embedded link that signs the user in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class CdiInjectionIT {

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp APP = TestApp.named("cdi", DESCOPE);

    @Deployment(testable = false)
    public static WebArchive app() {
        return APP.war();
    }

    @Test
    void anInjectedDescopeLinksSendsAWorkingLink() {
        TestUser alice = DESCOPE.newEmailUser("alice");
        Browser browser = APP.newBrowser();
        Page status = browser.get("/cdi/status");
        assertThat(status.json().getBoolean("injected")).as("%s", status).isTrue();

        Page sent = browser.post("/cdi/send", Map.of("csrf", status.json().getString("csrf"),
                "loginId", alice.loginId(), "next", "/app/from-cdi"));

        assertThat(sent.status()).as("%s", sent).isEqualTo(200);
        LinkSignIn signIn = new LinkSignIn(APP, DESCOPE);
        Page done = signIn.openAndConfirm(browser, signIn.inbox(alice.loginId()).awaitLink().url());
        assertThat(done.location()).hasValue(APP.url("/app/from-cdi"));
        assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(alice.userId());
        // The filter's events reach CDI observers (@Observes DescopeEvent) too.
        Page after = browser.get("/cdi/status");
        assertThat(after.json().getJsonArray("events").getValuesAs(jakarta.json.JsonString::getString))
                .as("%s", after).contains("LinkSendSucceeded", "DescopeCall", "SignedIn");
    }

    @Test
    void aJobOnTheApplicationsOwnThreadGetsDescopeLinksAndMakesAWorkingLink() {
        // The request that starts the job passes the filter first, so even WildFly (which initialises filters at
        // the first request) has published DescopeLinks by the time the job asks for it.
        OffRequestInvitation.signsIn(APP, DESCOPE, "/cdi/invitation", DESCOPE.newEmailUser("dora"), "/app/invited");
    }
}
