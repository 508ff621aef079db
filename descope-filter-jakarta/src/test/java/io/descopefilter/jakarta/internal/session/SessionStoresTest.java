package io.descopefilter.jakarta.internal.session;

import io.descopefilter.jakarta.testsupport.FakeRequest;
import io.descopefilter.jakarta.testsupport.FakeResponse;
import io.descopefilter.jakarta.testsupport.FakeSessions;
import io.descopefilter.jakarta.internal.config.CookieSettings;
import io.descopefilter.jakarta.internal.config.SameSite;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionStoresTest {

    private final CookieSettings settings = new CookieSettings(true, SameSite.LAX, Optional.empty(), "/shop");
    private final CookieSessionStore cookies = new CookieSessionStore(settings);
    private final HttpSessionStore httpSessions = new HttpSessionStore();
    private final SessionTokens tokens = new SessionTokens("session.jwt.value", "refresh.jwt.value", 2_592_000);

    @Test
    void se02_sessionCookiesAreHttpOnlySecureLaxWithDescopesMaxAge() {
        FakeResponse response = new FakeResponse();
        cookies.write(new FakeRequest("GET", "/").proxy(), response.proxy(), tokens);

        for (String name : new String[] {"__Secure-DS", "__Secure-DSR"}) {
            Cookie cookie = response.cookie(name).orElseThrow();
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSecure()).isTrue();
            assertThat(cookie.getAttribute("SameSite")).isEqualTo("Lax");
            assertThat(cookie.getPath()).isEqualTo("/shop");
            assertThat(cookie.getDomain()).isNull();
            assertThat(cookie.getMaxAge()).isEqualTo(2_592_000);
        }
        assertThat(response.cookie("__Secure-DS").orElseThrow().getValue()).isEqualTo("session.jwt.value");
        assertThat(response.cookie("__Secure-DSR").orElseThrow().getValue()).isEqualTo("refresh.jwt.value");
    }

    @Test
    void theSetCookieHeaderIsWrittenByTheFilterTheSameOnEveryContainer() {
        FakeResponse response = new FakeResponse();
        cookies.write(new FakeRequest("GET", "/").proxy(), response.proxy(), tokens);

        assertThat(response.header("Set-Cookie")).matches("__Secure-DSR=refresh\\.jwt\\.value; Path=/shop; "
                + "Max-Age=2592000; Expires=\\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT; Secure; HttpOnly; SameSite=Lax");
        CookieSettings shared = new CookieSettings(false, SameSite.STRICT, Optional.of("example.com"), "/");
        FakeResponse cleared = new FakeResponse();
        shared.expire(cleared.proxy(), "DS");
        assertThat(cleared.header("Set-Cookie")).isEqualTo("DS=; Path=/; Domain=example.com; Max-Age=0; "
                + "Expires=Thu, 1 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict");
        FakeResponse browserSession = new FakeResponse();
        shared.set(browserSession.proxy(), "DSCSRF", "t0ken", -1);
        assertThat(browserSession.header("Set-Cookie")).isEqualTo("DSCSRF=t0ken; Path=/; Domain=example.com; "
                + "HttpOnly; SameSite=Strict");
    }

    @Test
    void aValueOrNameThatCouldAddAnAttributeIsRefusedWithoutEchoingIt() {
        FakeResponse response = new FakeResponse();
        for (String value : new String[] {"a; Domain=evil.example", "a b", "a,b", "\"a\"", "a\\b", "caf\u00e9"}) {
            assertThatThrownBy(() -> settings.set(response.proxy(), "DS", value, 60))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(value);
        }
        assertThatThrownBy(() -> settings.set(response.proxy(), "D;S", "v", 60))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(response.cookies()).isEmpty();
    }

    @Test
    void cookiesAreReadBack() {
        FakeRequest request = new FakeRequest("GET", "/").cookie("__Secure-DS", "s").cookie("__Secure-DSR", "r").cookie("other", "x");
        assertThat(cookies.read(request.proxy())).contains(new SessionTokens("s", "r", -1));
    }

    @Test
    void se04_twoCookiesOfOneNameCountAsNoSession() {
        FakeRequest tossed = new FakeRequest("GET", "/").cookie("__Secure-DS", "mine").cookie("__Secure-DS", "tossed").cookie("__Secure-DSR", "r");
        assertThat(cookies.read(tossed.proxy())).isEmpty();
    }

    @Test
    void se04_aTwinHiddenByAContainerThatKeepsOnlyTheFirstCookieOfANameStillCountsAsNoSession() {
        // Undertow (WildFly) hands the application the first cookie of each name only; the raw header has both.
        FakeRequest folded = new FakeRequest("GET", "/").cookie("__Secure-DS", "mine").cookie("__Secure-DSR", "r")
                .header("Cookie", "__Secure-DS=mine; __Secure-DSR=r; __Secure-DS=tossed");
        assertThat(cookies.read(folded.proxy())).isEmpty();

        FakeRequest twoHeaders = new FakeRequest("GET", "/").cookie("__Secure-DS", "mine").cookie("__Secure-DSR", "r")
                .header("Cookie", "__Secure-DS=mine; __Secure-DSR=r").header("Cookie", "__Secure-DSR=tossed");
        assertThat(cookies.read(twoHeaders.proxy())).isEmpty();

        FakeRequest lookalikes = new FakeRequest("GET", "/").cookie("__Secure-DS", "s").cookie("__Secure-DSR", "r")
                .header("Cookie", "x__Secure-DS=1; __Secure-DS=s;__Secure-DSR=r; __Secure-DSX=2; a=__Secure-DS=3");
        assertThat(cookies.read(lookalikes.proxy())).contains(new SessionTokens("s", "r", -1));
    }

    @Test
    void theCookieHeaderIsReadAtCookieBoundariesOnly() {
        assertThat(lookup("DS=a; DSR=b; DS=c", "DS").ambiguous()).isTrue();
        assertThat(lookup("DSR=b;DS =a", "DS").single()).isEqualTo("a");
        assertThat(lookup("xDS=a; DSx=b; v=DS=c", "DS")).isEqualTo(new CookieSettings.Lookup(null, false));
        assertThat(lookup("", "DS").single()).isNull();
        assertThat(lookup(";;  DS", "DS").single()).isNull();
        assertThat(lookup("DS=\"quoted.jwt\" ; other=1", "DS").single()).isEqualTo("quoted.jwt");
        assertThat(lookup("DS=", "DS").single()).isNull();
        assertThat(lookup("flag; DS; a=b=c; DS=x", "DS").single()).isEqualTo("x");
        assertThat(lookup("DS=a.b.c", "DS").single()).isEqualTo("a.b.c");
    }

    @Test
    void withACookieHeaderTheHeaderIsWhatCounts() {
        // the header the browser sent wins over what getCookies() shows (a container may drop twins there)
        FakeRequest request = new FakeRequest("GET", "/").cookie("__Secure-DS", "stale")
                .header("Cookie", "__Secure-DS=s; __Secure-DSR=r");
        assertThat(cookies.read(request.proxy())).contains(new SessionTokens("s", "r", -1));
    }

    private static CookieSettings.Lookup lookup(String header, String name) {
        return CookieSettings.lookup(new FakeRequest("GET", "/").header("Cookie", header).proxy(), name);
    }

    @Test
    void se06_clearingExpiresBothCookiesWithTheAttributesTheyWereSetWith() {
        FakeResponse response = new FakeResponse();
        cookies.clear(new FakeRequest("GET", "/").proxy(), response.proxy());

        for (String name : new String[] {"__Secure-DS", "__Secure-DSR"}) {
            Cookie cookie = response.cookie(name).orElseThrow();
            assertThat(cookie.getMaxAge()).isZero();
            assertThat(cookie.getValue()).isEmpty();
            assertThat(cookie.getPath()).isEqualTo("/shop");
            assertThat(cookie.getSecure()).isTrue();
            assertThat(cookie.isHttpOnly()).isTrue();
        }
    }

    @Test
    void se03_tokensTooLargeForACookieAreReportedNotTruncated() {
        SessionTokens huge = new SessionTokens("x".repeat(5000), "r", 60);
        FakeResponse response = new FakeResponse();
        assertThatThrownBy(() -> cookies.write(new FakeRequest("GET", "/").proxy(), response.proxy(), huge))
                .isInstanceOf(SessionTooLargeException.class).hasMessageContaining("http-session");
        assertThat(response.cookies()).isEmpty();
    }

    @Test
    void httpSessionStoreKeepsTokensServerSideOnly() {
        FakeSessions browser = new FakeSessions();
        FakeRequest first = new FakeRequest("GET", "/").sessions(browser, null);
        FakeResponse response = new FakeResponse();
        httpSessions.write(first.proxy(), response.proxy(), tokens);

        assertThat(response.cookies()).isEmpty();
        String sessionId = first.session().getId();
        assertThat(httpSessions.read(new FakeRequest("GET", "/").sessions(browser, sessionId).proxy())).contains(tokens);

        httpSessions.clear(new FakeRequest("GET", "/").sessions(browser, sessionId).proxy(), response.proxy());
        assertThat(httpSessions.read(new FakeRequest("GET", "/").sessions(browser, sessionId).proxy())).isEmpty();
    }

    @Test
    void tokensNeverAppearInToString() {
        assertThat(tokens.toString()).doesNotContain("session.jwt.value", "refresh.jwt.value");
    }
}
