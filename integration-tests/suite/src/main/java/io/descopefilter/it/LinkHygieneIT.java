package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.emulator.Fault;
import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.HtmlForm;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.LinkUrl;
import io.descopefilter.it.support.LogCapture;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.RawHttp;
import io.descopefilter.it.support.SetCookie;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import io.descopefilter.it.support.TokenForge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Checklist LH: link hygiene against email scanners, referrers, history, logs and forged hosts. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class LinkHygieneIT {

    private static final Pattern URL_ATTRIBUTE = Pattern.compile("(?:src|href|action)\\s*=\\s*\"([^\"]*)\"",
            Pattern.CASE_INSENSITIVE);

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp CONFIRM = TestApp.named("lh", DESCOPE);
    static final TestApp DIRECT = TestApp.named("lh-direct", DESCOPE).with("landingMode", "direct");

    private final LinkSignIn signIn = new LinkSignIn(CONFIRM, DESCOPE);

    @Deployment(name = "lh", testable = false)
    public static WebArchive confirm() {
        return CONFIRM.war();
    }

    @Deployment(name = "lh-direct", testable = false)
    public static WebArchive direct() {
        return DIRECT.war();
    }

    @Test
    void lh01_headOnALinkDoesNotConsumeIt() {
        for (TestApp app : new TestApp[] {CONFIRM, DIRECT}) {
            LinkSignIn appSignIn = new LinkSignIn(app, DESCOPE);
            TestUser user = DESCOPE.newEmailUser("head");
            String link = appSignIn.sendLink(user);
            Browser browser = app.newBrowser();

            Page head = browser.head(link);
            Page headAgain = app.newBrowser().head(link);

            assertThat(head.status()).as("%s", head).isIn(200, 405);
            assertThat(head.setsCookie("DS")).isFalse();
            assertThat(headAgain.status()).isIn(200, 405);
            assertThat(appSignIn.openAndConfirm(browser, link).status())
                    .as("%s: the link still works after HEAD", app.contextName()).isEqualTo(303);
        }
    }

    @Test
    void lh02_aScannersGetShowsTheInterstitialAndTheHumanClickStillWorks() {
        TestUser alice = DESCOPE.newEmailUser("alice");
        String link = signIn.sendLink(alice);
        Browser scanner = CONFIRM.newBrowser();

        Page scanned = scanner.request("GET", link)
                .header("User-Agent", "Mozilla/5.0 (compatible; Microsoft-SafeLinks-Scanner)").send();

        assertThat(scanned.status()).as("%s", scanned).isEqualTo(200);
        assertThat(scanned.setsCookie("DS")).isFalse();
        Browser human = CONFIRM.newBrowser();
        assertThat(signIn.openAndConfirm(human, link).status()).isEqualTo(303);
        assertThat(signIn.whoAmI(human).getString("principalName")).isEqualTo(alice.userId());
    }

    @Test
    void lh03_theConfirmationPageNeverSubmitsItselfAndFollowingItsLinksConsumesNothing() {
        TestUser bob = DESCOPE.newEmailUser("bob");
        String link = signIn.sendLink(bob);
        Browser scanner = CONFIRM.newBrowser();

        Page page = scanner.get(link);

        assertThat(page.body().toLowerCase()).doesNotContain("<script").doesNotContain("http-equiv=\"refresh\"")
                .doesNotContain("onload").doesNotContain("autofocus");
        for (String target : urlsIn(page)) {
            if (!target.equals(page.form().action())) {
                scanner.get(page.uri().resolve(target).toString());
            }
        }
        assertThat(LinkSignIn.isSignedIn(scanner)).isFalse();
        Browser human = CONFIRM.newBrowser();
        assertThat(signIn.openAndConfirm(human, link).status()).as("only the button press consumes").isEqualTo(303);
    }

    @Test
    void lh04_aCrossSitePostOfATokenIsRejected() {
        TestUser carol = DESCOPE.newEmailUser("carol");
        String link = signIn.sendLink(carol);
        Browser browser = CONFIRM.newBrowser();
        HtmlForm form = browser.get(link).form();

        Page crossOrigin = browser.request("POST", form.action()).crossSite("https://evil.example")
                .form(form.fields()).send();
        Page crossSiteFetch = browser.request("POST", form.action()).header("Sec-Fetch-Site", "cross-site")
                .form(form.fields()).send();
        Page noToken = browser.request("POST", form.action()).sameOrigin().form(form.withoutField("csrf").fields())
                .send();
        Page foreignToken = CONFIRM.newBrowser().request("POST", form.action()).sameOrigin().form(form.fields())
                .send();

        for (Page refused : List.of(crossOrigin, crossSiteFetch, noToken, foreignToken)) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(403);
            assertThat(refused.setsCookie("DS")).isFalse();
        }
        assertThat(LinkSignIn.confirm(browser, form).status()).as("the refused POSTs did not use the token")
                .isEqualTo(303);
    }

    @Test
    void lh05_landingPagesSendNoReferrerLoadNothingFromElsewhereAndRedirectWithoutTheToken() {
        TestUser dave = DESCOPE.newEmailUser("dave");
        String link = signIn.sendLink(dave);
        Browser browser = CONFIRM.newBrowser();

        Page page = browser.get(link);
        Page account = browser.submit(page.form());
        assertThat(LinkSignIn.isAccountConfirmation(account)).as("a link from elsewhere: %s", account).isTrue();
        Page done = browser.submit(account.form());
        Page error = CONFIRM.newBrowser().get(link);

        for (Page landing : List.of(page, account, done, error)) {
            assertThat(landing.header("Referrer-Policy")).as("%s", landing).hasValue("no-referrer");
            for (String target : urlsIn(landing)) {
                assertThat(page.uri().resolve(target).toString())
                        .as("every URL on the page stays on the app's origin").startsWith(CONFIRM.origin() + "/");
            }
        }
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.location()).hasValueSatisfying(location -> assertThat(location).doesNotContain("t="));
    }

    @Test
    void lh06_theFinalUrlCarriesNoTokenAndLandingAnswersAreNeverCached() {
        TestUser erin = DESCOPE.newEmailUser("erin");
        String link = signIn.sendLink(erin);
        Browser browser = CONFIRM.newBrowser();

        Page page = browser.get(link);
        Page account = browser.submit(page.form());
        Page done = LinkSignIn.continueIfAsked(browser, account);
        Page used = CONFIRM.newBrowser().get(link);
        Page usedDirect = DIRECT.newBrowser().get(DIRECT.url("/descope/verify?t=" + LinkUrl.token(link)));

        for (Page landing : List.of(page, account, done, used, usedDirect)) {
            assertThat(landing.header("Cache-Control")).as("%s", landing)
                    .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        }
        assertThat(done.location()).hasValue(CONFIRM.url("/app/home"));
        Page landed = browser.follow(done);
        assertThat(landed.uri().toString()).doesNotContain(LinkUrl.token(link));
    }

    /**
     * LH-07. Container access logs (Tomcat's {@code %r}/{@code %q}, Jetty's request log) record the query string of
     * the link GET; README documents logging {@code %U} without the query (the filter cannot mask another
     * component's log). What the filter guarantees is tested here: nothing it, the container or the app logs during
     * a sign-in, a refresh, a failed exchange and a logout contains the link token, a JWT or the management key.
     */
    @Test
    void lh07_noTokenJwtOrKeyReachesTheLogs() {
        TestUser frank = DESCOPE.newEmailUser("frank");
        List<String> secrets = new ArrayList<>(List.of(TestDescope.MANAGEMENT_KEY));
        try (LogCapture logs = LogCapture.start()) {
            String link = signIn.sendLink(frank);
            secrets.add(LinkUrl.token(link));
            Browser browser = CONFIRM.newBrowser();
            Page done = signIn.openAndConfirm(browser, link);
            secrets.add(done.setCookie("DS").orElseThrow().value());
            String refreshJwt = done.setCookie("DSR").orElseThrow().value();
            secrets.add(refreshJwt);

            signIn.openAndConfirm(CONFIRM.newBrowser(), link);
            signIn.openAndConfirm(CONFIRM.newBrowser(), CONFIRM.url("/descope/verify?t=forged" + "x".repeat(30)));
            browser.setCookie("DS", TokenForge.expired(done.setCookie("DS").get().value(),
                    DESCOPE.emulator().signingKey(), Duration.ofMinutes(1)));
            Page refreshed = browser.get("/app/me");
            assertThat(refreshed.status()).isEqualTo(200);
            refreshed.setCookie("DS").map(SetCookie::value).ifPresent(secrets::add);
            HtmlForm logout = logoutForm(browser);
            assertThat(browser.submit(logout).isRedirect()).isTrue();

            String logged = logsExceptEmulator(logs);
            for (String secret : secrets) {
                assertThat(logged).as("the logs").doesNotContain(secret);
            }
        }
    }

    /**
     * LH-08. Auth events are logged with the user ID, user input cannot forge log lines, and users see a generic
     * page (no Descope error text, no stack trace) when Descope fails.
     */
    @Test
    void lh08_authEventsAreLoggedSafelyAndErrorsStayGeneric() {
        TestUser grace = DESCOPE.newEmailUser("grace");
        try (LogCapture logs = LogCapture.start()) {
            Browser browser = CONFIRM.newBrowser();
            Page forged = signIn.requestLink(browser, Map.of("loginId", "x@example.com\r\nSEVERE: forged entry"));
            assertThat(forged.status()).as("%s", forged).isEqualTo(400);
            signIn.signIn(CONFIRM.newBrowser(), grace);

            List<String> filterLines = logs.filterRecords().stream()
                    .filter(record -> !record.getLoggerName().startsWith("io.descopefilter.emulator"))
                    .map(LogCapture::format).toList();
            assertThat(filterLines).as("a sign-in is logged with the user ID")
                    .anySatisfy(line -> assertThat(line).contains(grace.userId()));
            assertThat(filterLines).allSatisfy(line -> assertThat(line).doesNotContain("\n").doesNotContain("\r"));
        }

        String link = signIn.sendLink(DESCOPE.newEmailUser("henry"));
        DESCOPE.emulator().faults().set("/v1/auth/magiclink/verify",
                Fault.status(503, "E999999").times(1));
        try {
            Page unavailable = signIn.openAndConfirm(CONFIRM.newBrowser(), link);
            assertThat(unavailable.status()).as("%s", unavailable).isEqualTo(503);
            assertThat(unavailable.header("Retry-After")).isPresent();
            assertThat(unavailable.body()).doesNotContain("E999999").doesNotContain("Exception")
                    .doesNotContain("\tat ");
        } finally {
            DESCOPE.emulator().faults().clear();
        }
    }

    @Test
    void lh09_linksAndRedirectsAreBuiltFromThePublicBaseUrlNeverFromHostHeaders() {
        TestUser ida = DESCOPE.newEmailUser("ida");
        String[] forgedHosts = {"X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https",
            "Forwarded: host=evil.example;proto=https"};

        Page loginPage = RawHttp.sendAs(CONFIRM.port(), "GET", CONFIRM.contextPath() + "/login", "evil.example", null,
                forgedHosts);
        String csrf = loginPage.form().field("csrf").orElseThrow();
        String csrfCookie = loginPage.setCookie("DSCSRF").orElseThrow().value();
        Page sent = RawHttp.sendAs(CONFIRM.port(), "POST", CONFIRM.contextPath() + "/login", "evil.example",
                "csrf=" + csrf + "&loginId=" + ida.loginId() + "&method=EMAIL&purpose=SIGN_IN&kind=magic",
                "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https", "Cookie: DSCSRF=" + csrfCookie,
                "Origin: " + CONFIRM.origin());
        assertThat(sent.status()).as("%s", sent).isEqualTo(200);
        String link = signIn.inbox(ida.loginId()).awaitLink().url();
        assertThat(link).startsWith(CONFIRM.url("/descope/verify?"));

        Page challenge = RawHttp.sendAs(CONFIRM.port(), "GET", CONFIRM.contextPath() + "/app/orders", "evil.example",
                null, forgedHosts);
        assertThat(challenge.status()).isEqualTo(302);
        assertThat(challenge.header("Location")).hasValueSatisfying(location ->
                assertThat(location).doesNotContain("evil.example").contains("/login"));
    }

    private HtmlForm logoutForm(Browser browser) {
        String csrf = signIn.whoAmI(browser).getString("csrf");
        return new HtmlForm(CONFIRM.url("/descope/logout"), "POST", Map.of("csrf", csrf));
    }

    private static String logsExceptEmulator(LogCapture logs) {
        StringBuilder text = new StringBuilder();
        for (LogRecord record : logs.records()) {
            if (record.getLoggerName() == null || !record.getLoggerName().startsWith("io.descopefilter.emulator")) {
                text.append(LogCapture.render(record)).append('\n');
            }
        }
        return text.toString();
    }

    private static List<String> urlsIn(Page page) {
        List<String> urls = new ArrayList<>();
        Matcher matcher = URL_ATTRIBUTE.matcher(page.body());
        while (matcher.find()) {
            urls.add(matcher.group(1).replace("&amp;", "&"));
        }
        return urls;
    }
}
