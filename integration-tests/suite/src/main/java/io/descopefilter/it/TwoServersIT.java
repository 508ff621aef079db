package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.Nodes;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import io.descopefilter.it.support.TokenForge;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers with the same WAR and settings (the cookie store), as behind a load balancer: a session started on
 * one is accepted, and refreshed, by the other. The second server is started for this class only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class TwoServersIT {

    private static final String NODE2 = "node2";

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp NODE_ONE = TestApp.named("twin", DESCOPE);
    /** The same settings, publicBaseUrl included: both nodes serve one public address. */
    static final TestApp NODE_TWO = NODE_ONE.onPort(Nodes.node2Port());

    @ArquillianResource
    private ContainerController containers;
    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "node1", testable = false)
    public static WebArchive nodeOne() {
        return NODE_ONE.war();
    }

    @Deployment(name = NODE2, testable = false, managed = false)
    @TargetsContainer(NODE2)
    public static WebArchive nodeTwo() {
        return NODE_TWO.war();
    }

    @BeforeEach
    void startSecondServer() {
        containers.start(NODE2);
        deployer.deploy(NODE2);
    }

    @AfterEach
    void stopSecondServer() {
        deployer.undeploy(NODE2);
        containers.stop(NODE2);
    }

    @Test
    void aSessionStartedOnOneServerIsAcceptedAndRefreshedByTheOther() {
        TestUser alice = DESCOPE.newEmailUser("alice");
        Browser onNodeOne = NODE_ONE.newBrowser();
        new LinkSignIn(NODE_ONE, DESCOPE).signIn(onNodeOne, alice);
        Browser onNodeTwo = NODE_TWO.newBrowser();
        onNodeOne.copyCookiesTo(onNodeTwo);

        Page me = onNodeTwo.get("/app/me");

        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.json().getString("principalName")).isEqualTo(alice.userId());

        onNodeTwo.setCookie("DS", TokenForge.expired(onNodeTwo.cookie("DS").orElseThrow(),
                DESCOPE.emulator().signingKey(), Duration.ofMinutes(1)));
        Page refreshed = onNodeTwo.get("/app/me");
        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
        assertThat(refreshed.setsCookie("DS")).as("node two refreshed the session").isTrue();
        Browser backOnNodeOne = NODE_ONE.newBrowser();
        onNodeTwo.copyCookiesTo(backOnNodeOne);
        assertThat(new LinkSignIn(NODE_ONE, DESCOPE).whoAmI(backOnNodeOne).getString("principalName"))
                .isEqualTo(alice.userId());
    }
}
