package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.RawHttp;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checklist PM: {@code /app/*} is protected, {@code /public/*} and {@code /login} are public, the context path is
 * {@code /shop}. Every request is sent byte for byte over a socket, signed out, through the real container; the
 * protected servlet's marker must never come back. "Protected" means the same answer as a plain signed-out
 * request (a redirect to the login page, or 401), or 400 for an ambiguous path, or a 404 where the container
 * itself refuses to map the path.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class PathMatchingIT {

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp SHOP = TestApp.named("shop", DESCOPE);

    @Deployment(testable = false)
    public static WebArchive app() {
        return SHOP.war();
    }

    @Test
    void publicPathsAreServedAndProtectedOnesChallenged() {
        assertThat(get("/shop/public/x").status()).isEqualTo(200);
        assertThat(get("/shop/login").status()).isEqualTo(200);
        assertProtected("/shop/app/x", get("/shop/app/x"));
    }

    @Test
    void pm01_dotSegmentsCannotReachAProtectedPath() {
        assertAllProtected(List.of("/shop/public/../app/x", "/shop/public/%2e%2e/app/x", "/shop/public/.%2e/app/x",
                "/shop/public/%2E%2E/app/x", "/shop/./app/x", "/shop/public/./../app/x"));
    }

    @Test
    void pm02_pathParametersCannotBypassMatching() {
        assertAllProtected(List.of("/shop/app;x=y/x", "/shop/public/..;/app/x", "/shop/app/x;.css", "/shop/;/app/x",
                "/shop/public;x=y/../app/x", "/shop/app/x;jsessionid=abc"));
    }

    @Test
    void pm03_encodedSeparatorsAndDoubleEncodingsCannotBypassMatching() {
        assertAllProtected(List.of("/shop/public/..%3b/app/x", "/shop/app%3bx=y/x", "/shop/public%2f..%2fapp/x",
                "/shop/public%2F..%2Fapp/x", "/shop/public%5c..%5capp/x", "/shop/public/%252e%252e/app/x",
                "/shop/app%252fx", "/shop/public/%25%32%65%25%32%65/app/x", "/shop/%25%32%66app/x",
                "/shop/public\\..\\app/x"));
    }

    @Test
    void pm04_trailingSpacesAndDoubleSlashesStayProtected() {
        assertAllProtected(List.of("/shop/app/x/", "/shop/app/x%20", "/shop/app//x", "/shop//app/x",
                "/shop/app/%20", "/shop/app%20/x"));
    }

    @Test
    void pm05_controlCharactersAreRefused() {
        assertAllProtected(List.of("/shop/app/x%0a", "/shop/app/x%0d", "/shop/app/x%00", "/shop/app/x%E2%80%A8",
                "/shop/app/x%E2%80%A9", "/shop/public/%0a/../app/x", "/shop/app/x%09"));
    }

    @Test
    void pm06_caseVariantsStayProtected() {
        assertAllProtected(List.of("/shop/APP/x", "/shop/App/X", "/shop/aPp/x", "/shop/APP/report.txt",
                "/shop/App/report.txt"));
    }

    @Test
    void pm07_forwardsIncludesErrorAndAsyncDispatchesNeverDeliverProtectedContent() {
        for (String dispatch : List.of("forward", "include", "async")) {
            for (String target : List.of("/app/secret", "/APP/report.txt")) {
                String path = "/shop/public/dispatch/" + dispatch + "?to=" + target;
                Page page = get(path);
                assertThat(page.body()).as("%s: %s", path, page).doesNotContain(TestApp.PROTECTED_MARKER);
                if (!dispatch.equals("include")) {
                    // an include cannot change the status; only its content could leak
                    assertThat(page.status()).as("%s: %s", path, page).isNotEqualTo(200);
                }
            }
        }
        Page error = get("/shop/public/dispatch/error");
        assertThat(error.body()).as("%s", error).doesNotContain(TestApp.PROTECTED_MARKER);

        Browser signedIn = SHOP.newBrowser();
        new LinkSignIn(SHOP, DESCOPE).signIn(signedIn, DESCOPE.newEmailUser("alice"));
        Page forwarded = signedIn.get("/public/dispatch/forward?to=/app/secret");
        assertThat(forwarded.body()).as("a signed-in forward still works: %s", forwarded)
                .contains(TestApp.PROTECTED_MARKER);
        assertThat(forwarded.json().getString("dispatcherType")).isEqualTo("FORWARD");
    }

    @Test
    void pm08_matchingUsesTheCanonicalServletPathNotTheRawUri() {
        assertAllProtected(List.of("/shop/%61pp/x", "/shop/ap%70/x", "/shop/app/%78", "/shop/%41PP/x",
                "/shop/app/./x", "/shop/app/y/../x", "/shop/public/../app/x"));

        Browser signedIn = SHOP.newBrowser();
        new LinkSignIn(SHOP, DESCOPE).signIn(signedIn, DESCOPE.newEmailUser("bob"));
        Page encoded = signedIn.get("/%61pp/orders");
        if (encoded.status() == 200) {
            assertThat(encoded.json().getString("path")).isEqualTo("/app/orders");
        } else {
            assertThat(encoded.status()).isEqualTo(400);
        }
    }

    @Test
    void pm09_everyMethodIsDeniedWithoutASessionAndHeadLeaksNothing() {
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO")) {
            Page page = RawHttp.send(SHOP.port(), method, "/shop/app/x");
            assertThat(page.status() / 100).as("%s: %s", method, page).isNotEqualTo(2);
            assertThat(page.body()).doesNotContain(TestApp.PROTECTED_MARKER);
            assertThat(page.headers().toString()).doesNotContain(TestApp.PROTECTED_MARKER);
        }
        Page head = RawHttp.send(SHOP.port(), "HEAD", "/shop/app/x");
        assertThat(head.status()).as("HEAD is challenged like GET: %s", head).isEqualTo(302);
    }

    @Test
    void pm10_aNonRootContextPathCannotBeSteppedAround() {
        assertAllProtected(List.of("/shop/..;/shop/app/x", "/other/..;/shop/app/x", "/shop;x=y/app/x",
                "/%73hop/app/x", "/shop%2fapp/x", "/x/../shop/app/x", "/shop/app/..;/..;/shop/app/x"));
        Page outside = get("/shop/..;/other");
        assertThat(outside.body()).doesNotContain(TestApp.PROTECTED_MARKER);
    }

    @Test
    void pm11_theFilterExposesNoUndocumentedEndpoints() {
        List<String> probes = List.of("/shop/descope", "/shop/descope/", "/shop/descope/config",
                "/shop/descope/session", "/shop/descope/token", "/shop/descope/tokens", "/shop/descope/keys",
                "/shop/descope/jwks", "/shop/descope/debug", "/shop/descope/health", "/shop/descope/me",
                "/shop/descope/refresh", "/shop/descope/verify", "/shop/descope/enchanted", "/shop/descope/poll",
                "/shop/descope/poll?pendingRef=x", "/shop/descope/logout", "/shop/descope/callback",
                "/shop/.well-known/descope");
        for (String probe : probes) {
            Page page = get(probe);
            assertThat(page.body()).as("%s: %s", probe, page)
                    .doesNotContain(TestDescope.PROJECT_ID)
                    .doesNotContain(TestDescope.MANAGEMENT_KEY)
                    .doesNotContain("eyJ")
                    .doesNotContain("pendingRef")
                    .doesNotContain("refreshJwt");
            assertThat(page.status()).as("%s: %s", probe, page).isNotEqualTo(200).isNotEqualTo(204);
        }

        Browser signedIn = SHOP.newBrowser();
        new LinkSignIn(SHOP, DESCOPE).signIn(signedIn, DESCOPE.newEmailUser("carol"));
        for (String probe : probes) {
            Page page = signedIn.get(probe.substring("/shop".length()));
            assertThat(page.body()).as("signed in, %s: %s", probe, page).doesNotContain("eyJ")
                    .doesNotContain(TestDescope.MANAGEMENT_KEY);
        }
        assertThat(LinkSignIn.isSignedIn(signedIn)).as("no probe signed the user out").isTrue();
    }

    private static Page get(String rawTarget) {
        return RawHttp.send(SHOP.port(), "GET", rawTarget);
    }

    private static void assertAllProtected(List<String> rawTargets) {
        for (String target : rawTargets) {
            assertProtected(target, get(target));
        }
    }

    private static void assertProtected(String target, Page page) {
        assertThat(page.body()).as("%s: %s", target, page).doesNotContain(TestApp.PROTECTED_MARKER);
        assertThat(page.status()).as("%s: %s", target, page).isIn(302, 400, 401, 404);
        if (page.status() == 302) {
            assertThat(page.header("Location")).as("%s", target).hasValueSatisfying(location ->
                    assertThat(location).contains("/shop/login"));
        }
    }
}
