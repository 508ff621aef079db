package io.descopefilter.jakarta.internal.landing;

import io.descopefilter.jakarta.internal.config.LandingMode;
import io.descopefilter.jakarta.internal.config.PublicBaseUrl;
import io.descopefilter.jakarta.internal.config.Routes;
import io.descopefilter.jakarta.testsupport.FakeRequest;
import io.descopefilter.jakarta.testsupport.FakeResponse;
import io.descopefilter.testsupport.TestClock;
import io.descopefilter.jakarta.internal.http.ClientAddress;
import io.descopefilter.jakarta.internal.config.CookieSettings;
import io.descopefilter.jakarta.internal.http.CsrfTokens;
import io.descopefilter.jakarta.internal.pages.LandingPages;
import io.descopefilter.jakarta.internal.pages.Outcome;
import io.descopefilter.jakarta.internal.pages.OutcomeWriter;
import io.descopefilter.jakarta.LoginProblem;
import io.descopefilter.jakarta.RequestAttributes;
import io.descopefilter.jakarta.internal.config.SameSite;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LandingFlowTest {

    private static final String TOKEN = "a1b2c3d4e5f6";
    private static final PublicBaseUrl BASE = PublicBaseUrl.parse("https://shop.example.com");
    private static final Routes ROUTES = new Routes("/login", "/descope/verify", "/descope/enchanted",
            "/descope/poll", "/descope/logout", "/descope/logout-all", "/descope/tenant", "/", "/", Optional.empty());

    /** Records the tokens it is asked to exchange; answers 303 or the configured failure. */
    static final class RecordingExchange implements TokenExchange {
        final List<LandingRequest> exchanged = new ArrayList<>();
        /** How often the flow asked for what a failure page shows (the hint and the return path). */
        int failurePageReads;
        Outcome.Failed failure;

        @Override
        public Outcome exchange(HttpServletRequest request, HttpServletResponse response, LandingRequest landing) {
            exchanged.add(landing);
            return failure != null ? failure : new Outcome.SeeOther(BASE.resolve(landing.next().orElse("/")));
        }

        @Override
        public Outcome resume(HttpServletRequest request, HttpServletResponse response, String heldHandle) {
            return new Outcome.Failed(LoginProblem.EXPIRED_LINK);
        }

        @Override
        public Optional<String> displayHint(HttpServletRequest request, LandingRequest landing) {
            failurePageReads++;
            return landing.hint();
        }

        @Override
        public Optional<String> returnPath(HttpServletRequest request, LandingRequest landing) {
            failurePageReads++;
            return TokenExchange.super.returnPath(request, landing);
        }

        @Override
        public LandingPages.Kind pageKind() {
            return LandingPages.Kind.MAGIC;
        }
    }

    private final RecordingExchange exchange = new RecordingExchange();
    private final CsrfTokens csrf = new CsrfTokens(new CookieSettings(true, SameSite.LAX, Optional.empty(), "/"), BASE);

    /** A landing flow with the writer that sends its outcomes, as the filter pairs them. */
    private record Flow(LandingFlow landing, OutcomeWriter writer) {
    }

    private Flow flow(LandingMode mode, Optional<String> errorPage, int failedVerifyLimit) {
        return new Flow(new LandingFlow(exchange, BASE.resolve("/descope/verify"), mode, ROUTES, csrf,
                new VerifyThrottle(failedVerifyLimit, Duration.ofSeconds(60), TestClock.startingNow()),
                ClientAddress.trusting(List.of())), new OutcomeWriter(errorPage, BASE, "/login"));
    }

    private FakeResponse handle(Flow flow, FakeRequest request) throws Exception {
        FakeResponse response = new FakeResponse();
        HttpServletRequest servletRequest = request.proxy();
        HttpServletResponse servletResponse = response.proxy();
        flow.writer().write(servletRequest, servletResponse, flow.landing().handle(servletRequest, servletResponse));
        return response;
    }

    private static FakeRequest linkClick() {
        return new FakeRequest("GET", "/descope/verify").query("next=%2Forders%2F42&as=a***%40example.com&t=" + TOKEN);
    }

    @Test
    void lh01_headNeverConsumesTheToken() throws Exception {
        FakeResponse response = handle(flow(LandingMode.DIRECT, Optional.empty(), 30),
                new FakeRequest("HEAD", "/descope/verify").query("t=" + TOKEN));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(exchange.exchanged).isEmpty();
    }

    @Test
    void lh02_scannerGetInConfirmModeShowsTheConfirmationPageAndLeavesTheTokenUnused() throws Exception {
        FakeResponse response = handle(flow(LandingMode.CONFIRM, Optional.empty(), 30), linkClick());

        assertThat(exchange.exchanged).isEmpty();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .contains("method=\"post\" action=\"https://shop.example.com/descope/verify\"")
                .contains("name=\"t\" value=\"" + TOKEN + "\"")
                .contains("name=\"next\" value=\"/orders/42\"")
                .contains("name=\"csrf\" value=\"" + response.cookie("__Host-DSCSRF").orElseThrow().getValue() + "\"")
                .contains("Sign in as a***@example.com")
                .doesNotContain("<script>");
    }

    @Test
    void lh05_lh06_landingPagesCarryNoReferrerNoStoreAndAStrictPolicy() throws Exception {
        FakeResponse response = handle(flow(LandingMode.CONFIRM, Optional.empty(), 30), linkClick());

        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("Content-Security-Policy")).startsWith("default-src 'none';")
                .contains("form-action 'self'").contains("frame-ancestors 'none'");
    }

    @Test
    void lh03_autoModeSubmitsByScriptButGetStillConsumesNothing() throws Exception {
        FakeResponse response = handle(flow(LandingMode.AUTO, Optional.empty(), 30), linkClick());

        assertThat(exchange.exchanged).isEmpty();
        assertThat(response.body()).contains("<script>document.getElementById('continue').submit();</script>");
    }

    @Test
    void directModeConsumesOnGet() throws Exception {
        FakeResponse response = handle(flow(LandingMode.DIRECT, Optional.empty(), 30), linkClick());

        assertThat(exchange.exchanged).hasSize(1);
        assertThat(exchange.exchanged.get(0).token()).isEqualTo(TOKEN);
        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("Location")).isEqualTo("https://shop.example.com/orders/42");
    }

    @Test
    void tx09_postWithTheCsrfTokenConsumesOnce() throws Exception {
        Flow flow = flow(LandingMode.CONFIRM, Optional.empty(), 30);
        String csrfToken = handle(flow, linkClick()).cookie("__Host-DSCSRF").orElseThrow().getValue();

        FakeResponse response = handle(flow, new FakeRequest("POST", "/descope/verify").cookie("__Host-DSCSRF", csrfToken)
                .param("csrf", csrfToken).param("t", TOKEN).param("next", "/orders/42").param("as", "a***@example.com")
                .header("Origin", "https://shop.example.com"));

        assertThat(exchange.exchanged).hasSize(1);
        assertThat(exchange.exchanged.get(0).hint()).contains("a***@example.com");
        assertThat(response.status()).isEqualTo(303);
    }

    @Test
    void lh04_crossSitePostOfATokenIsRefusedWithoutExchange() throws Exception {
        FakeResponse response = handle(flow(LandingMode.CONFIRM, Optional.empty(), 30),
                new FakeRequest("POST", "/descope/verify").param("t", TOKEN).header("Origin", "https://evil.example"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(exchange.exchanged).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"t=", "t=a%0d%0ab", "t=a%00b", "t=caf%C3%A9", "t=a%20b", "x=1"})
    void tx04_malformedTokensAreRefusedBeforeAnyExchange(String query) throws Exception {
        FakeResponse response = handle(flow(LandingMode.DIRECT, Optional.empty(), 30),
                new FakeRequest("GET", "/descope/verify").query(query));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("This sign-in link is not valid").doesNotContain("Exception");
        assertThat(exchange.exchanged).isEmpty();
    }

    @Test
    void tx04_overlongTokensAreRefusedBeforeAnyExchange() throws Exception {
        FakeResponse response = handle(flow(LandingMode.DIRECT, Optional.empty(), 30),
                new FakeRequest("GET", "/descope/verify").query("t=" + "a".repeat(100 * 1024)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(exchange.exchanged).isEmpty();
    }

    @Test
    void tx05_aRepeatedTokenIsAmbiguousAndRefused() throws Exception {
        FakeResponse response = handle(flow(LandingMode.DIRECT, Optional.empty(), 30),
                new FakeRequest("GET", "/descope/verify").query("t=a&t=b"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(exchange.exchanged).isEmpty();
    }

    @Test
    void tx05_aTokenInBothQueryAndBodyIsRefused() throws Exception {
        Flow flow = flow(LandingMode.CONFIRM, Optional.empty(), 30);
        String csrfToken = handle(flow, linkClick()).cookie("__Host-DSCSRF").orElseThrow().getValue();
        FakeRequest post = new FakeRequest("POST", "/descope/verify").query("t=" + TOKEN)
                .cookie("__Host-DSCSRF", csrfToken).param("csrf", csrfToken).param("t", TOKEN);

        assertThat(handle(flow, post).status()).isEqualTo(400);
        assertThat(exchange.exchanged).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "OPTIONS", "TRACE", "FOO"})
    void pm09_otherMethodsGet405AndConsumeNothing(String method) throws Exception {
        FakeResponse response = handle(flow(LandingMode.DIRECT, Optional.empty(), 30),
                new FakeRequest(method, "/descope/verify").query("t=" + TOKEN));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(exchange.exchanged).isEmpty();
    }

    @Test
    void tx06_repeatedBadTokensFromOneClientAreThrottledBeforeDescope() throws Exception {
        Flow flow = flow(LandingMode.DIRECT, Optional.empty(), 3);
        exchange.failure = new Outcome.Failed(LoginProblem.EXPIRED_LINK);
        for (int i = 0; i < 3; i++) {
            assertThat(handle(flow, new FakeRequest("GET", "/descope/verify").query("t=guess" + i)).status())
                    .isEqualTo(410);
        }

        FakeResponse throttled = handle(flow, new FakeRequest("GET", "/descope/verify").query("t=guess4"));
        FakeResponse otherClient = handle(flow, new FakeRequest("GET", "/descope/verify").query("t=guess5")
                .remoteAddr("10.9.9.9"));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotNull();
        assertThat(exchange.exchanged).hasSize(4);
        assertThat(otherClient.status()).isEqualTo(410);
    }

    @Test
    void descopeOutageGives503WithRetryAfter() throws Exception {
        exchange.failure = new Outcome.Failed(LoginProblem.UNAVAILABLE, 30);
        FakeResponse response = handle(flow(LandingMode.DIRECT, Optional.empty(), 30), linkClick());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("30");
    }

    @Test
    void expiredLinkPageOffersANewLinkKeepingTheReturnPath() throws Exception {
        exchange.failure = new Outcome.Failed(LoginProblem.EXPIRED_LINK);
        FakeResponse response = handle(flow(LandingMode.DIRECT, Optional.empty(), 30), linkClick());

        assertThat(response.status()).isEqualTo(410);
        assertThat(response.body()).contains("https://shop.example.com/login?next=%2Forders%2F42")
                .contains("a***@example.com");
    }

    @Test
    void aSignInDoesNotReadWhatOnlyAFailurePageShows() throws Exception {
        FakeResponse response = handle(flow(LandingMode.DIRECT, Optional.empty(), 30), linkClick());

        assertThat(response.status()).isEqualTo(303);
        assertThat(exchange.failurePageReads).isZero();
    }

    @Test
    void theApplicationsErrorPageReceivesTheReason() throws Exception {
        exchange.failure = new Outcome.Failed(LoginProblem.EXPIRED_LINK);
        List<String> forwardedTo = new ArrayList<>();
        FakeRequest request = linkClick().onForward(forwardedTo::add);
        FakeResponse response = handle(flow(LandingMode.DIRECT, Optional.of("/problem"), 30), request);

        assertThat(forwardedTo).containsExactly("/problem");
        assertThat(response.status()).isEqualTo(410);
        assertThat(request.attribute(RequestAttributes.ERROR)).isEqualTo("expired_link");
        assertThat(request.attribute(RequestAttributes.LOGIN_ID)).isEqualTo("a***@example.com");
    }

    @Test
    void anUnsafeOrSelfReferencingNextIsDropped() throws Exception {
        handle(flow(LandingMode.DIRECT, Optional.empty(), 30),
                new FakeRequest("GET", "/descope/verify").query("next=%2F%2Fevil.com&t=" + TOKEN));
        handle(flow(LandingMode.DIRECT, Optional.empty(), 30),
                new FakeRequest("GET", "/descope/verify").query("next=%2Fdescope%2Fverify%3Ft%3Dx&t=" + TOKEN));

        assertThat(exchange.exchanged).extracting(LandingRequest::next).containsOnly(Optional.empty());
    }

    @Test
    void aHintThatIsNotAMaskedLoginIdIsNotShown() throws Exception {
        FakeResponse response = handle(flow(LandingMode.CONFIRM, Optional.empty(), 30),
                new FakeRequest("GET", "/descope/verify").query("as=Your+account+is+locked.+Call+us&t=" + TOKEN));

        assertThat(response.body()).doesNotContain("locked").contains("Continue signing in");
    }

    @Test
    void theTokenNeverAppearsInToString() {
        assertThat(new LandingRequest(TOKEN, Optional.empty(), Optional.empty()).toString()).doesNotContain(TOKEN);
    }
}
