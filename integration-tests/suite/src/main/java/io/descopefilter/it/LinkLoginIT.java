package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.emulator.OutboxMessage;
import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import io.descopefilter.it.support.TokenForge;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The everyday journeys with the default settings (confirm landing, cookie store): magic links by email and SMS,
 * sign-up, sign-up-or-in, embedded links, return-to, and what the application sees of the user.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class LinkLoginIT {

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp APP = TestApp.named("links", DESCOPE);
    static final TestApp OWN_ERROR_PAGE = TestApp.named("links-errors", DESCOPE).with("errorPage", "/public/error");

    private final LinkSignIn signIn = new LinkSignIn(APP, DESCOPE);

    @Deployment(name = "links", testable = false)
    public static WebArchive app() {
        return APP.war();
    }

    @Deployment(name = "links-errors", testable = false)
    public static WebArchive ownErrorPage() {
        return OWN_ERROR_PAGE.war();
    }

    @Test
    void magicLinkByEmailSignsTheUserInAsTheirPrincipal() {
        TestUser alice = DESCOPE.newEmailUser("alice");
        Browser browser = APP.newBrowser();

        Page done = signIn.signIn(browser, alice);

        assertThat(done.location()).hasValue(APP.url("/app/home"));
        assertThat(done.setsCookie("DS")).isTrue();
        assertThat(done.setsCookie("DSR")).isTrue();
        JsonObject me = signIn.whoAmI(browser);
        assertThat(me.getString("principalName")).isEqualTo(alice.userId());
        assertThat(me.getString("remoteUser")).isEqualTo(alice.userId());
        assertThat(me.getString("authType")).isEqualTo("DESCOPE");
        assertThat(me.getBoolean("sessionAttribute")).isTrue();
    }

    @Test
    void magicLinkBySmsSignsTheUserIn() {
        TestUser bob = DESCOPE.newPhoneUser("bob");
        Browser browser = APP.newBrowser();

        Page sent = signIn.requestLink(browser, Map.of("loginId", bob.phone(), "method", "SMS"));
        assertThat(sent.status()).as("%s", sent).isEqualTo(200);
        OutboxMessage sms = signIn.inbox(bob.phone()).awaitMessage(1);
        assertThat(sms.channel()).isEqualTo("sms");
        Page done = signIn.openAndConfirm(browser, sms.firstLink().url());

        assertThat(done.status()).as("%s", done).isEqualTo(303);
        assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(bob.userId());
    }

    @Test
    void signUpOrInCreatesAnUnknownUserAndSignsThemIn() {
        String newcomer = TestDescope.uniqueEmail("newcomer");
        Browser browser = APP.newBrowser();

        Page sent = signIn.requestLink(browser, Map.of("loginId", newcomer, "purpose", "SIGN_UP_OR_IN"));
        assertThat(sent.status()).as("%s", sent).isEqualTo(200);
        Page done = signIn.openAndConfirm(browser, signIn.inbox(newcomer).awaitLink().url());

        assertThat(done.status()).as("%s", done).isEqualTo(303);
        assertThat(signIn.whoAmI(browser).getString("principalName"))
                .as("the user Descope created for the new address").isEqualTo(userIdOf(newcomer));
    }

    @Test
    void signUpOrInSignsAnExistingUserIntoTheirOwnAccount() {
        TestUser carol = DESCOPE.newEmailUser("carol");
        Browser browser = APP.newBrowser();

        signIn.requestLink(browser, Map.of("loginId", carol.loginId(), "purpose", "SIGN_UP_OR_IN"));
        Page done = signIn.openAndConfirm(browser, signIn.inbox(carol.loginId()).awaitLink().url());

        assertThat(done.status()).as("%s", done).isEqualTo(303);
        assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(carol.userId());
    }

    @Test
    void signUpCreatesTheUser() {
        String newcomer = TestDescope.uniqueEmail("signup");
        Browser browser = APP.newBrowser();

        Page sent = signIn.requestLink(browser, Map.of("loginId", newcomer, "purpose", "SIGN_UP"));
        assertThat(sent.status()).as("%s", sent).isEqualTo(200);
        Page done = signIn.openAndConfirm(browser, signIn.inbox(newcomer).awaitLink().url());

        assertThat(done.status()).as("%s", done).isEqualTo(303);
        assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(userIdOf(newcomer));
    }

    @Test
    void embeddedLinkSignsTheUserInWithItsCustomClaims() {
        TestUser dave = DESCOPE.newEmailUser("dave");
        Browser backOffice = APP.newBrowser();
        String url = backOffice.get("/login/embedded?loginId=" + dave.loginId()
                + "&next=/app/welcome&claim=from-back-office").json().getString("url");
        assertThat(url).startsWith(APP.url("/descope/verify?")).contains("t=");

        Browser browser = APP.newBrowser();
        Page done = signIn.openAndConfirm(browser, url);

        assertThat(done.status()).as("%s", done).isEqualTo(303);
        assertThat(done.location()).hasValue(APP.url("/app/welcome"));
        JsonObject me = signIn.whoAmI(browser);
        assertThat(me.getString("principalName")).isEqualTo(dave.userId());
        assertThat(me.getJsonObject("claims").getString("testClaim")).isEqualTo("from-back-office");
    }

    @Test
    void returnToBringsTheUserBackToThePageTheyAskedFor() {
        TestUser erin = DESCOPE.newEmailUser("erin");
        Browser browser = APP.newBrowser();

        Page challenge = browser.get("/app/orders/42?tab=items");
        assertThat(challenge.status()).as("%s", challenge).isEqualTo(302);
        assertThat(challenge.location()).hasValueSatisfying(location ->
                assertThat(location).startsWith(APP.url("/login?")).contains("next="));

        Page loginPage = browser.follow(challenge);
        assertThat(loginPage.form().field("next")).hasValue("/app/orders/42?tab=items");
        Page sent = browser.submit(loginPage.form().withField("loginId", erin.loginId()));
        assertThat(sent.status()).as("%s", sent).isEqualTo(200);
        Page done = signIn.openAndConfirm(browser, signIn.inbox(erin.loginId()).awaitLink().url());

        assertThat(done.status()).as("%s", done).isEqualTo(303);
        assertThat(done.location()).hasValue(APP.url("/app/orders/42?tab=items"));
        Page order = browser.follow(done);
        assertThat(order.status()).isEqualTo(200);
        assertThat(order.json().getString("path")).isEqualTo("/app/orders/42");
    }

    @Test
    void isUserInRoleAnswersFromProjectRolesAndTheCurrentTenantsRoles() {
        TestUser frank = DESCOPE.newUser("frank", user -> user.roles("admin")
                .tenant("t-acme", List.of("editor"), List.of()));
        Browser plain = APP.newBrowser();
        signIn.signIn(plain, frank);
        JsonObject withoutTenant = plain.get("/app/me?role=admin&role=editor&role=auditor").json();
        assertThat(withoutTenant.getJsonObject("roles").getBoolean("admin")).isTrue();
        assertThat(withoutTenant.getJsonObject("roles").getBoolean("editor"))
                .as("a tenant role needs that tenant to be the current one").isFalse();
        assertThat(withoutTenant.getJsonObject("roles").getBoolean("auditor")).isFalse();

        Browser inTenant = APP.newBrowser();
        signIn.requestLink(inTenant, Map.of("loginId", frank.loginId(), "tenant", "t-acme"));
        Page done = signIn.openAndConfirm(inTenant, signIn.inbox(frank.loginId()).awaitLink(2).url());
        assertThat(done.status()).as("%s", done).isEqualTo(303);
        JsonObject withTenant = inTenant.get("/app/me?role=admin&role=editor&role=auditor").json();
        assertThat(withTenant.getString("currentTenant")).isEqualTo("t-acme");
        assertThat(withTenant.getJsonObject("roles").getBoolean("admin")).isTrue();
        assertThat(withTenant.getJsonObject("roles").getBoolean("editor")).isTrue();
        assertThat(withTenant.getJsonObject("roles").getBoolean("auditor")).isFalse();
    }

    @Test
    void anApplicationErrorPageReplacesTheFiltersOwnWithTheReason() {
        Page invalid = OWN_ERROR_PAGE.newBrowser().get("/descope/verify?t=");

        assertThat(invalid.status()).as("%s", invalid).isEqualTo(400);
        assertThat(invalid.json().getString("path")).isEqualTo("/public/error");
        assertThat(invalid.json().getString("error")).isEqualTo("invalid_link");
    }

    /** The ID of the user the emulator holds for this login ID (it mints a session to find out). */
    private static String userIdOf(String loginId) {
        return (String) TokenForge.claims(DESCOPE.emulator().issueSession(loginId).sessionJwt()).get("sub");
    }
}
