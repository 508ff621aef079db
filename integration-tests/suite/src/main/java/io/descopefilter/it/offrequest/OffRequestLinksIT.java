package io.descopefilter.it.offrequest;

import io.descopefilter.it.support.OffRequestInvitation;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code @Inject DescopeLinks} off any HTTP request on a full Jakarta EE server's own threads: an EJB
 * {@code @Asynchronous} job gets {@code DescopeLinks} from CDI there, makes an embedded sign-in link, and the link
 * signs the user in. (A thread the application owns is {@code CdiInjectionIT}'s, on every container.)
 *
 * <p>The parent pom keeps this class off the embedded containers (no EJB); {@code payara-micro} and
 * {@code wildfly} run it. One deployment: Payara Micro's adapter boots one server per WAR.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class OffRequestLinksIT {

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp APP = TestApp.named("jobs", DESCOPE);

    @Deployment(testable = false)
    public static WebArchive app() {
        return APP.war().addClasses(InvitationJob.class, InvitationServlet.class);
    }

    @Test
    void anAsynchronousEjbMakesAnEmbeddedLinkThatSignsTheUserIn() {
        OffRequestInvitation.signsIn(APP, DESCOPE, "/public/invitation/ejb", DESCOPE.newEmailUser("carol"),
                "/app/invited");
    }
}
