package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.HtmlForm;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The three landing modes, one WAR each: {@code confirm} (GET shows a button, only the POST consumes the token),
 * {@code auto} (the page submits itself, a button as fallback) and {@code direct} (GET consumes).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class LandingModesIT {

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp CONFIRM = TestApp.named("confirm", DESCOPE).with("landingMode", "confirm");
    static final TestApp AUTO = TestApp.named("auto", DESCOPE).with("landingMode", "auto");
    static final TestApp DIRECT = TestApp.named("direct", DESCOPE).with("landingMode", "direct");

    @Deployment(name = "confirm", testable = false)
    public static WebArchive confirm() {
        return CONFIRM.war();
    }

    @Deployment(name = "auto", testable = false)
    public static WebArchive auto() {
        return AUTO.war();
    }

    @Deployment(name = "direct", testable = false)
    public static WebArchive direct() {
        return DIRECT.war();
    }

    @Test
    void confirmModeGetShowsTheAccountAndLeavesTheTokenUnused() {
        TestUser alice = DESCOPE.newEmailUser("alice");
        LinkSignIn signIn = new LinkSignIn(CONFIRM, DESCOPE);
        Browser browser = CONFIRM.newBrowser();
        signIn.requestMagicLink(browser, alice.loginId());
        String link = signIn.inbox(alice.loginId()).awaitLink().url();

        Page first = browser.get(link);
        Page second = browser.get(link);

        for (Page page : new Page[] {first, second}) {
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            assertThat(page.setsCookie("DS")).isFalse();
            assertThat(page.body()).doesNotContain("<script");
        }
        HtmlForm form = second.form();
        assertThat(form.method()).isEqualTo("POST");
        assertThat(form.fields()).containsKeys("t", "csrf");
        String masked = "a***@example.com";
        assertThat(second.body()).as("the browser that asked sees the masked account it asked for")
                .contains("Sign in as " + masked).doesNotContain(alice.loginId());
        Page elsewhere = CONFIRM.newBrowser().get(link);
        assertThat(elsewhere.body()).as("a browser that asked for nothing is told no account")
                .contains("Continue signing in").doesNotContain(masked).doesNotContain(alice.loginId());
        assertThat(LinkSignIn.isSignedIn(browser)).isFalse();

        Page done = browser.submit(form);
        assertThat(done.status()).as("the token still works after two GETs: %s", done).isEqualTo(303);
        assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(alice.userId());
    }

    @Test
    void autoModeGetShowsASelfSubmittingFormWithAButtonAndLeavesTheTokenUnused() {
        TestUser bob = DESCOPE.newEmailUser("bob");
        LinkSignIn signIn = new LinkSignIn(AUTO, DESCOPE);
        Browser browser = AUTO.newBrowser();
        signIn.requestMagicLink(browser, bob.loginId());
        String link = signIn.inbox(bob.loginId()).awaitLink().url();

        Page page = browser.get(link);

        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.setsCookie("DS")).isFalse();
        assertThat(page.body()).contains("<script").contains(".submit()").contains("<button");
        assertThat(LinkSignIn.isSignedIn(browser)).isFalse();
        Page done = browser.submit(page.form());
        assertThat(done.status()).as("%s", done).isEqualTo(303);
        assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(bob.userId());
    }

    @Test
    void directModeGetConsumesTheTokenAndSignsIn() {
        TestUser carol = DESCOPE.newEmailUser("carol");
        LinkSignIn signIn = new LinkSignIn(DIRECT, DESCOPE);
        Browser browser = DIRECT.newBrowser();
        signIn.requestMagicLink(browser, carol.loginId());
        String link = signIn.inbox(carol.loginId()).awaitLink().url();

        Page done = browser.get(link);

        assertThat(done.status()).as("%s", done).isEqualTo(303);
        assertThat(done.setsCookie("DS")).isTrue();
        assertThat(done.location()).hasValue(DIRECT.url("/app/home"));
        assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(carol.userId());

        Page again = DIRECT.newBrowser().get(link);
        assertThat(again.status()).as("the GET used the token up: %s", again).isBetween(400, 499);
        assertThat(again.setsCookie("DS")).isFalse();

        TestUser dan = DESCOPE.newEmailUser("dan");
        String forwarded = signIn.sendLink(dan);
        Browser other = DIRECT.newBrowser();
        Page named = other.get(forwarded);
        assertThat(LinkSignIn.isAccountConfirmation(named)).as("direct mode, another browser: %s", named).isTrue();
        assertThat(named.body()).contains("You are signing in as " + dan.loginId());
        assertThat(named.setsCookie("DS")).isFalse();
        assertThat(LinkSignIn.isSignedIn(other)).isFalse();
        Page continued = other.submit(named.form());
        assertThat(continued.status()).as("%s", continued).isEqualTo(303);
        assertThat(signIn.whoAmI(other).getString("principalName")).isEqualTo(dan.userId());
    }

    @Test
    void headNeverConsumesATokenInAnyMode() {
        for (TestApp app : new TestApp[] {CONFIRM, AUTO, DIRECT}) {
            TestUser user = DESCOPE.newEmailUser("head-" + app.contextName());
            LinkSignIn signIn = new LinkSignIn(app, DESCOPE);
            Browser browser = app.newBrowser();
            signIn.requestMagicLink(browser, user.loginId());
            String link = signIn.inbox(user.loginId()).awaitLink().url();

            Page head = browser.head(link);

            assertThat(head.status()).as("%s mode: %s", app.contextName(), head).isIn(200, 405);
            assertThat(head.setsCookie("DS")).isFalse();
            Page done = signIn.openAndConfirm(browser, link);
            assertThat(done.status()).as("%s mode, after HEAD: %s", app.contextName(), done).isEqualTo(303);
            assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(user.userId());
        }
    }
}
