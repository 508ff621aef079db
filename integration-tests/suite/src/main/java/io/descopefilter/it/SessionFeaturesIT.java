package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.DescopeApi;
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

/**
 * What a signed-in user can do with their session over real HTTP: sign out everywhere, switch the current tenant;
 * and how API clients are refused (RFC 6750 JSON).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class SessionFeaturesIT {

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp APP = TestApp.named("features", DESCOPE).with("requiredRoles", "/app/admin/*=admin");
    /** Every protected page is a step-up path needing a sign-in within a second; sessions last three seconds. */
    static final TestApp STRICT = TestApp.named("features-strict", DESCOPE).with("stepUpPaths", "/app/settings/*")
            .with("stepUpMaxAge", "1").with("maxSessionAge", "3");

    @Deployment(name = "features", testable = false)
    public static WebArchive app() {
        return APP.war();
    }

    @Deployment(name = "features-strict", testable = false)
    public static WebArchive strict() {
        return STRICT.war();
    }

    @Test
    void requiredRolesLetInOnlyUsersWithTheRole() {
        TestUser admin = DESCOPE.newUser("root", details -> details.roles("admin"));
        TestUser plain = DESCOPE.newEmailUser("pat");
        LinkSignIn signIn = new LinkSignIn(APP, DESCOPE);
        Browser adminBrowser = APP.newBrowser();
        signIn.signIn(adminBrowser, admin);
        Browser plainBrowser = APP.newBrowser();
        signIn.signIn(plainBrowser, plain);

        Page allowed = adminBrowser.get("/app/admin/users");
        Page refused = plainBrowser.get("/app/admin/users");
        Page refusedApi = plainBrowser.request("GET", "/app/admin/users").header("Accept", "application/json").send();

        assertThat(allowed.status()).as("%s", allowed).isEqualTo(200);
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refusedApi.status()).isEqualTo(403);
        assertThat(refusedApi.header("WWW-Authenticate")).hasValue("Bearer realm=\"descope\", error=\"insufficient_scope\"");
        assertThat(LinkSignIn.isSignedIn(plainBrowser)).as("other pages stay open").isTrue();
    }

    @Test
    void anInvitationCreatesTheUserAndSignsThemInWithTheCustomClaim() {
        String email = TestDescope.uniqueEmail("ivy");
        LinkSignIn signIn = new LinkSignIn(APP, DESCOPE);
        Browser admin = APP.newBrowser();
        String url = admin.get("/login/invite?loginId=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)
                + "&name=Ivy&claim=invited-by-admin&next=/app/me").json().getString("url");
        Browser invitee = APP.newBrowser();

        Page done = signIn.openAndConfirm(invitee, url);

        assertThat(done.status()).as("%s", done).isEqualTo(303);
        assertThat(done.location()).hasValue(APP.url("/app/me"));
        assertThat(signIn.whoAmI(invitee).getJsonObject("claims").getString("testClaim")).isEqualTo("invited-by-admin");
        assertThat(invitee.get("/app/me?me=1").json().getJsonObject("me").getString("name")).isEqualTo("Ivy");
    }

    @Test
    void loginOptionsReachDescopeAndRevokeOtherSessionsEndsTheOtherBrowser() {
        TestUser user = DESCOPE.newEmailUser("opt");
        LinkSignIn signIn = new LinkSignIn(APP, DESCOPE);
        Browser laptop = APP.newBrowser();
        signIn.signIn(laptop, user);
        String laptopRefresh = laptop.cookie("DSR").orElseThrow();
        Browser phone = APP.newBrowser();
        io.descopefilter.it.support.Inbox inbox = signIn.inbox(user.loginId());
        int before = inbox.size();

        signIn.requestLink(phone, Map.of("loginId", user.loginId(), "template", "welcome-v2", "locale", "de",
                "claim", "gold", "revokeOthers", "true"));
        io.descopefilter.emulator.OutboxMessage message = inbox.awaitMessage(before + 1);
        Page done = signIn.openAndConfirm(phone, inbox.awaitLink(before + 1).url());

        assertThat(message.options()).containsEntry("templateId", "welcome-v2").containsEntry("locale", "de");
        assertThat(done.status()).as("%s", done).isEqualTo(303);
        assertThat(signIn.whoAmI(phone).getJsonObject("claims").getString("testClaim")).isEqualTo("gold");
        assertThat(DescopeApi.refreshStillWorks(DESCOPE, laptopRefresh)).as("the other session was revoked").isFalse();
    }

    @Test
    void theUsersDetailsFromDescopeAreReadOncePerSession() {
        TestUser user = DESCOPE.newUser("meg", details -> details.name("Meg Example"));
        LinkSignIn signIn = new LinkSignIn(APP, DESCOPE);
        Browser browser = APP.newBrowser();
        signIn.signIn(browser, user);
        long before = DESCOPE.emulator().requestCount("/v1/auth/me");

        for (int i = 0; i < 3; i++) {
            assertThat(browser.get("/app/me?me=1").json().getJsonObject("me").getString("name"))
                    .isEqualTo("Meg Example");
        }

        assertThat(DESCOPE.emulator().requestCount("/v1/auth/me") - before).isEqualTo(1);
    }

    @Test
    void whatsAppAndVoiceLinksSignIn() {
        for (String method : List.of("WHATSAPP", "VOICE")) {
            TestUser user = DESCOPE.newPhoneUser("phone-" + method.toLowerCase(java.util.Locale.ROOT));
            LinkSignIn signIn = new LinkSignIn(APP, DESCOPE);
            Browser browser = APP.newBrowser();
            io.descopefilter.it.support.Inbox inbox = signIn.inbox(user.phone());

            Page sent = signIn.requestLink(browser, Map.of("loginId", user.phone(), "method", method));
            Page done = signIn.openAndConfirm(browser, inbox.awaitLink(1).url());

            assertThat(sent.status()).as("%s: %s", method, sent).isEqualTo(200);
            assertThat(inbox.awaitMessage(1).channel()).as(method).isEqualToIgnoringCase(method);
            assertThat(done.status()).as("%s: %s", method, done).isEqualTo(303);
            assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(user.userId());
        }
    }

    @Test
    void aStepUpPathSendsAnOlderSignInToTheLoginPageWithStepUp() throws InterruptedException {
        TestUser user = DESCOPE.newEmailUser("sam");
        LinkSignIn signIn = new LinkSignIn(STRICT, DESCOPE);
        Browser browser = STRICT.newBrowser();
        signIn.signIn(browser, user);
        Thread.sleep(1500);

        Page settings = browser.get("/app/settings/email");
        Page api = browser.request("GET", "/app/settings/email").header("Accept", "application/json").send();

        assertThat(LinkSignIn.isSignedIn(browser)).as("other protected pages still open").isTrue();
        assertThat(settings.status()).isEqualTo(302);
        assertThat(settings.location()).hasValue(STRICT.url("/login?next=%2Fapp%2Fsettings%2Femail&stepup=true"));
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.header("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).contains("insufficient_user_authentication"));
    }

    @Test
    void maxSessionAgeEndsTheSessionAndTheUserSignsInAgainToTheSamePage() throws InterruptedException {
        TestUser user = DESCOPE.newEmailUser("max");
        LinkSignIn signIn = new LinkSignIn(STRICT, DESCOPE);
        Browser browser = STRICT.newBrowser();
        signIn.signIn(browser, user);
        assertThat(LinkSignIn.isSignedIn(browser)).isTrue();
        Thread.sleep(3500);

        Page expired = browser.get("/app/me");

        assertThat(expired.status()).isEqualTo(302);
        assertThat(expired.location()).hasValue(STRICT.url("/login?next=%2Fapp%2Fme"));
    }

    @Test
    void signOutEverywhereEndsThisSessionAndTheOtherBrowsersSessionAtDescope() {
        TestUser user = DESCOPE.newEmailUser("ann");
        LinkSignIn signIn = new LinkSignIn(APP, DESCOPE);
        Browser laptop = APP.newBrowser();
        signIn.signIn(laptop, user);
        Browser phone = APP.newBrowser();
        signIn.signIn(phone, user);
        String laptopRefresh = laptop.cookie("DSR").orElseThrow();

        Page viaGet = phone.get("/descope/logout-all");
        Page done = phone.post("/descope/logout-all", Map.of("csrf", signIn.whoAmI(phone).getString("csrf")));

        assertThat(viaGet.status()).isEqualTo(405);
        assertThat(done.status()).as("%s", done).isEqualTo(303);
        assertThat(LinkSignIn.isSignedIn(phone)).isFalse();
        assertThat(DescopeApi.refreshStillWorks(DESCOPE, laptopRefresh))
                .as("the other browser's refresh JWT is revoked, so it is signed out at its next refresh").isFalse();
    }

    @Test
    void aUserSwitchesTheirCurrentTenantAndTheSessionNamesIt() {
        TestUser user = DESCOPE.newUser("tess", details -> details
                .tenant("acme", List.of("editor"), List.of()).tenant("globex", List.of("viewer"), List.of()));
        LinkSignIn signIn = new LinkSignIn(APP, DESCOPE);
        Browser browser = APP.newBrowser();
        signIn.signIn(browser, user);
        String csrf = signIn.whoAmI(browser).getString("csrf");

        Page notMine = browser.post("/descope/tenant", Map.of("csrf", csrf, "tenant", "initech"));
        Page switched = browser.post("/descope/tenant", Map.of("csrf", csrf, "tenant", "globex", "next", "/app/me"));

        assertThat(notMine.status()).as("%s", notMine).isEqualTo(400);
        assertThat(switched.status()).as("%s", switched).isEqualTo(303);
        assertThat(switched.location()).hasValue(APP.url("/app/me"));
        assertThat(signIn.whoAmI(browser).getString("currentTenant")).isEqualTo("globex");
        assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(user.userId());
    }

    @Test
    void apiClientsWithoutASessionGetJsonInTheStyleOfRfc6750() {
        Page refused = APP.newBrowser().request("GET", "/app/me").header("Accept", "application/json").send();

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate"))
                .hasValue("Bearer realm=\"descope\", error=\"invalid_token\"");
        assertThat(refused.json().getString("error")).isEqualTo("invalid_token");
        assertThat(refused.json().getString("login")).isEqualTo(APP.url("/login?next=%2Fapp%2Fme"));
    }
}
