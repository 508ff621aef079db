package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.DescopeApi;
import io.descopefilter.it.support.DescopeProxy;
import io.descopefilter.it.support.JsonEdit;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Logout: the CSRF-checked POST to the logout path and {@code request.logout()}, with both session stores. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class LogoutIT {

    private static final String VERIFY = "/v1/auth/magiclink/verify";

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    /** Records Descope's answers: with the http-session store the refresh JWT never reaches the browser. */
    @RegisterExtension
    static final DescopeProxy RECORDING = DescopeProxy.inFrontOf(DESCOPE);
    static final TestApp COOKIES = TestApp.named("logout", DESCOPE).withDescopeBaseUrl(RECORDING::baseUrl);
    static final TestApp HTTP_SESSION = TestApp.named("logout-session", DESCOPE).withDescopeBaseUrl(RECORDING::baseUrl)
            .with("sessionStore", "http-session");

    @Deployment(name = "logout", testable = false)
    public static WebArchive cookies() {
        return COOKIES.war();
    }

    @Deployment(name = "logout-session", testable = false)
    public static WebArchive httpSession() {
        return HTTP_SESSION.war();
    }

    @Test
    void logoutRevokesTheRefreshJwtAtDescopeAndRefusesTheAppAfterwards() {
        for (TestApp app : new TestApp[] {COOKIES, HTTP_SESSION}) {
            TestUser user = DESCOPE.newEmailUser("alice");
            LinkSignIn signIn = new LinkSignIn(app, DESCOPE);
            Browser browser = app.newBrowser();
            signIn.signIn(browser, user);
            String refreshJwt = latestRefreshJwt();

            Page loggedOut = browser.post("/descope/logout", Map.of("csrf", signIn.whoAmI(browser).getString("csrf")));

            assertThat(loggedOut.status()).as("%s: %s", app.contextName(), loggedOut).isIn(302, 303);
            assertThat(loggedOut.location()).hasValue(app.url("/public/bye"));
            Page refused = browser.get("/app/");
            assertThat(refused.status()).as("%s", refused).isEqualTo(302);
            assertThat(refused.location()).hasValueSatisfying(location ->
                    assertThat(location).startsWith(app.url("/login")));
            assertThat(DescopeApi.refreshStillWorks(DESCOPE, refreshJwt))
                    .as("%s: Descope revoked the refresh JWT", app.contextName()).isFalse();
        }
    }

    @Test
    void logoutNeedsAPostWithTheCsrfToken() {
        TestUser bob = DESCOPE.newEmailUser("bob");
        LinkSignIn signIn = new LinkSignIn(COOKIES, DESCOPE);
        Browser browser = signedIn(signIn, bob);

        Page viaGet = browser.get("/descope/logout");
        Page withoutToken = browser.post("/descope/logout", Map.of());
        Page crossSite = browser.request("POST", "/descope/logout").crossSite("https://evil.example")
                .form(Map.of("csrf", signIn.whoAmI(browser).getString("csrf"))).send();

        assertThat(viaGet.status()).as("%s", viaGet).isIn(403, 405);
        assertThat(withoutToken.status()).as("%s", withoutToken).isEqualTo(403);
        assertThat(crossSite.status()).as("%s", crossSite).isEqualTo(403);
        assertThat(LinkSignIn.isSignedIn(browser)).as("still signed in").isTrue();
    }

    @Test
    void requestLogoutInTheAppEndsTheSession() {
        for (TestApp app : new TestApp[] {COOKIES, HTTP_SESSION}) {
            TestUser user = DESCOPE.newEmailUser("carol");
            LinkSignIn signIn = new LinkSignIn(app, DESCOPE);
            Browser browser = app.newBrowser();
            signIn.signIn(browser, user);
            String refreshJwt = latestRefreshJwt();

            Page signedOut = browser.post("/app/sign-out", Map.of());

            assertThat(signedOut.status()).as("%s", signedOut).isEqualTo(200);
            assertThat(LinkSignIn.isSignedIn(browser)).as(app.contextName()).isFalse();
            assertThat(DescopeApi.refreshStillWorks(DESCOPE, refreshJwt)).as(app.contextName()).isFalse();
        }
    }

    private static Browser signedIn(LinkSignIn signIn, TestUser user) {
        Browser browser = signIn.app().newBrowser();
        signIn.signIn(browser, user);
        return browser;
    }

    /** The refresh JWT of the latest sign-in, from Descope's recorded verify answer. */
    private static String latestRefreshJwt() {
        List<String> answers = RECORDING.answersTo(VERIFY);
        return JsonEdit.string(answers.get(answers.size() - 1), "refreshJwt");
    }
}
