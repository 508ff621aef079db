package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.HtmlForm;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.RawHttp;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checklist RD: where the browser goes after signing in. The return path travels in the link and in the
 * confirmation form; each payload is tried in both (an attacker may edit either) and must land on the app's own
 * origin, inside the app.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class RedirectIT {

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp APP = TestApp.named("rd", DESCOPE);

    private final LinkSignIn signIn = new LinkSignIn(APP, DESCOPE);

    @Deployment(testable = false)
    public static WebArchive app() {
        return APP.war();
    }

    @Test
    void rd01_openRedirectPayloadsLandOnTheAppsOwnOrigin() {
        assertAllLandInsideTheApp(List.of("https://evil.example/", "//evil.example", "///evil.example",
                "////evil.example/x", "http:evil.example", "https:/evil.example", "/%2f%2fevil.example",
                "%2f%2fevil.example", "/%2F/evil.example", "//evil.example/%2e%2e", "/@evil.example",
                "evil.example", ".evil.example", "?next=//evil.example", "#//evil.example", "/app?x=1&next=//evil"));
    }

    @Test
    void rd02_payloadsThatBrowsersRepairAreNormalisedBeforeTheyAreChecked() {
        assertAllLandInsideTheApp(List.of("/\\evil.example", "\\\\evil.example", "/\tevil.example",
                "/%09/evil.example", " //evil.example", "\\/\\/evil.example", "/\n/evil.example",
                "\u0000//evil.example", "/\r//evil.example", "\t//evil.example"));
    }

    @Test
    void rd03_scriptSchemesAndHeaderInjectionAreRefused() {
        List<String> payloads = List.of("javascript:alert(1)", "JaVaScRiPt:alert(1)", "java%0d%0ascript:alert(1)",
                "data:text/html,<script>alert(1)</script>", "/app/x%0d%0aSet-Cookie:%20pwned=1",
                "/app/x\r\nSet-Cookie: pwned=1", "vbscript:msgbox(1)");
        for (String payload : payloads) {
            Page landed = signInWith(payload, true);
            assertInsideTheApp(payload, landed);
            assertThat(landed.headerValues("Set-Cookie")).as(payload).noneMatch(value -> value.contains("pwned"));
            assertThat(landed.header("Location").orElse("")).doesNotContain("\r").doesNotContain("\n");
        }
    }

    @Test
    void rd04_theRefererIsNeverARedirectTarget() {
        TestUser alice = DESCOPE.newEmailUser("alice");
        String link = signIn.sendLink(alice);
        Browser browser = APP.newBrowser();
        HtmlForm form = browser.get(link).form();

        Page account = browser.request("POST", form.action()).sameOrigin()
                .header("Referer", "https://evil.example/x").form(form.fields()).send();
        HtmlForm continueForm = account.form();
        Page done = browser.request("POST", continueForm.action()).sameOrigin()
                .header("Referer", "https://evil.example/x").form(continueForm.fields()).send();

        assertThat(done.status()).isEqualTo(303);
        assertThat(done.location()).hasValue(APP.url("/app/home"));
        Page challenge = APP.newBrowser().request("GET", "/app/orders").header("Referer", "https://evil.example/")
                .send();
        assertThat(challenge.location()).hasValue(APP.url("/login?next=%2Fapp%2Forders"));
    }

    @Test
    void rd05_theReturnPathIsNeverTakenFromAClientSideSavedRequest() {
        Page challenge = RawHttp.send(APP.port(), "GET", APP.contextPath() + "/app/orders/42");
        assertThat(challenge.status()).isEqualTo(302);
        assertThat(challenge.headerValues("Set-Cookie")).as("no saved-request cookie")
                .noneMatch(cookie -> cookie.contains("orders"));

        TestUser bob = DESCOPE.newEmailUser("bob");
        String link = signIn.sendLink(bob);
        Browser browser = APP.newBrowser();
        for (String name : List.of("next", "returnTo", "redirect", "DSNEXT", "SAVED_REQUEST", "savedRequest")) {
            browser.setCookie(name, "https://evil.example/");
        }
        Page done = signIn.openAndConfirm(browser, link);
        assertThat(done.location()).hasValue(APP.url("/app/home"));
    }

    /**
     * RD-05 for the link binding: the browser that asks for a magic link keeps its return path in the
     * {@code DSLINK} cookie. Without the {@code __Host-} prefix (plain http here, or a cookie path or domain set)
     * a sibling subdomain can rewrite that cookie; the return path it carries must be checked like any other
     * {@code next} when it is read back, so an unsafe one falls back to {@code afterLoginPath}.
     */
    @Test
    void rd05_aReturnPathInATamperedLinkBindingCookieIsCheckedAgain() {
        for (String payload : List.of("//evil.example/", "https://evil.example/", "/\\evil.example", "@evil.example")) {
            TestUser user = DESCOPE.newEmailUser("rd5");
            Browser browser = APP.newBrowser();
            String link = signIn.sendLink(browser, user);
            String[] binding = browser.cookie("DSLINK").orElseThrow().split("\\.", -1);
            assertThat(binding).as("key.next.masked.expiry.channel").hasSize(5);
            binding[1] = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            browser.setCookie("DSLINK", String.join(".", binding));

            Page done = signIn.openAndConfirm(browser, link);

            assertThat(done.status()).as("%s: %s", payload, done).isEqualTo(303);
            assertInsideTheApp(payload + " (in DSLINK)", done);
            assertThat(done.location()).as(payload).hasValue(APP.url("/app/home"));
        }
    }

    @Test
    void rd06_prefixSuffixTraversalAndUserinfoTricksAreRefused() {
        String origin = APP.origin();
        String hostAndPort = origin.substring("http://".length());
        assertAllLandInsideTheApp(List.of(origin + ".evil.example/", origin + "@evil.example/",
                "//" + hostAndPort + "@evil.example/", "http://evil.example/" + hostAndPort,
                origin + APP.contextPath() + "/app/home", "/../../evil", "/%2e%2e/%2e%2e/evil",
                "/%252e%252e/%252e%252e/evil", "/app/../../..//evil.example", "http://" + hostAndPort + ":80@evil.example"));
    }

    /** Every payload, put in the link and in the confirmation form, lands inside the app. */
    private void assertAllLandInsideTheApp(List<String> payloads) {
        for (String payload : payloads) {
            assertInsideTheApp(payload + " (in the link)", signInWith(payload, false));
            assertInsideTheApp(payload + " (in the form)", signInWith(payload, true));
        }
    }

    /**
     * Signs a fresh user in with an embedded link whose return path is {@code payload}: either as the link's
     * {@code next} (the link was edited) or as the confirmation form's {@code next} field (the form was edited).
     */
    private Page signInWith(String payload, boolean inTheForm) {
        TestUser user = DESCOPE.newEmailUser("rd");
        Browser browser = APP.newBrowser();
        String link = signIn.embeddedLink(browser, user.loginId(), "/app/start");
        String edited = inTheForm ? link : link.replace("next=%2Fapp%2Fstart", "next=" + encode(payload))
                .replace("next=/app/start", "next=" + encode(payload));
        assertThat(inTheForm || !edited.equals(link)).as("the link's next was replaced: %s", link).isTrue();
        Page confirmation = browser.get(edited);
        HtmlForm form = confirmation.form();
        if (inTheForm) {
            form = form.withField("next", payload);
        }
        Page done = LinkSignIn.confirm(browser, form);
        assertThat(done.status()).as("%s: %s", payload, done).isEqualTo(303);
        return done;
    }

    private void assertInsideTheApp(String payload, Page done) {
        URI location = done.locationUri().orElseThrow(() -> new AssertionError(payload + ": no Location"));
        assertThat(location.getScheme() + "://" + location.getRawAuthority()).as(payload).isEqualTo(APP.origin());
        assertThat(location.getRawUserInfo()).as(payload).isNull();
        assertThat(location.getRawPath()).as(payload).startsWith(APP.contextPath() + "/").doesNotStartWith("//");
        assertThat(done.header("Location").orElseThrow()).as(payload).doesNotStartWith("//")
                .doesNotContain("evil.example/").doesNotStartWith("javascript").doesNotStartWith("data:");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
