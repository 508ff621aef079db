package io.descopefilter.jakarta.internal.http;

import io.descopefilter.jakarta.internal.config.CookieSettings;
import io.descopefilter.jakarta.internal.config.SameSite;
import io.descopefilter.jakarta.internal.config.PublicBaseUrl;
import io.descopefilter.jakarta.testsupport.FakeRequest;
import io.descopefilter.jakarta.testsupport.FakeResponse;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CsrfTokensTest {

    private final CsrfTokens csrf = new CsrfTokens(new CookieSettings(true, SameSite.LAX, Optional.empty(), "/shop"),
            PublicBaseUrl.parse("https://shop.example.com/shop"));

    private String issueToken() {
        FakeResponse response = new FakeResponse();
        String token = csrf.tokenFor(new FakeRequest("GET", "/login").proxy(), response.proxy());
        Cookie cookie = response.cookie("__Secure-DSCSRF").orElseThrow();
        assertThat(cookie.getValue()).isEqualTo(token);
        return token;
    }

    @Test
    void issuesAStrictHttpOnlySecureCookieWithTheToken() {
        FakeResponse response = new FakeResponse();
        String token = csrf.tokenFor(new FakeRequest("GET", "/login").proxy(), response.proxy());

        Cookie cookie = response.cookie("__Secure-DSCSRF").orElseThrow();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSecure()).isTrue();
        assertThat(cookie.getAttribute("SameSite")).isEqualTo("Strict");
        assertThat(cookie.getPath()).isEqualTo("/shop");
    }

    @Test
    void reusesTheBrowsersTokenInsteadOfIssuingANewOne() {
        String token = issueToken();
        FakeResponse response = new FakeResponse();
        String again = csrf.tokenFor(new FakeRequest("GET", "/login").cookie("__Secure-DSCSRF", token).proxy(), response.proxy());

        assertThat(again).isEqualTo(token);
        assertThat(response.cookies()).isEmpty();
    }

    @Test
    void acceptsASameOriginPostWithTheMatchingToken() {
        String token = issueToken();
        FakeRequest post = new FakeRequest("POST", "/descope/logout").cookie("__Secure-DSCSRF", token).param("csrf", token)
                .header("Origin", "https://shop.example.com").header("Sec-Fetch-Site", "same-origin");

        assertThat(csrf.isValid(post.proxy())).isTrue();
    }

    @Test
    void acceptsTheNullOriginOfANoReferrerPageOnlyWhenTheBrowserSaysSameOrigin() {
        String token = issueToken();
        FakeRequest fromNoReferrerPage = new FakeRequest("POST", "/descope/verify").cookie("__Secure-DSCSRF", token)
                .param("csrf", token).header("Origin", "null").header("Sec-Fetch-Site", "same-origin");
        FakeRequest nullOriginCrossSite = new FakeRequest("POST", "/descope/verify").cookie("__Secure-DSCSRF", token)
                .param("csrf", token).header("Origin", "null").header("Sec-Fetch-Site", "cross-site");
        FakeRequest nullOriginWrongToken = new FakeRequest("POST", "/descope/verify").cookie("__Secure-DSCSRF", token)
                .param("csrf", "x" + token).header("Origin", "null").header("Sec-Fetch-Site", "same-origin");

        assertThat(csrf.isValid(fromNoReferrerPage.proxy())).isTrue();
        assertThat(csrf.isValid(nullOriginCrossSite.proxy())).isFalse();
        assertThat(csrf.isValid(nullOriginWrongToken.proxy())).isFalse();
    }

    @Test
    void acceptsTheTokenInTheHeaderForScripts() {
        String token = issueToken();
        assertThat(csrf.isValid(new FakeRequest("POST", "/x").cookie("__Secure-DSCSRF", token)
                .header("X-CSRF-Token", token).proxy())).isTrue();
    }

    @Test
    void lh04_refusesACrossSitePostEvenWithTheRightToken() {
        String token = issueToken();
        FakeRequest fromElsewhere = new FakeRequest("POST", "/descope/verify").cookie("__Secure-DSCSRF", token)
                .param("csrf", token).header("Origin", "https://evil.example");
        FakeRequest crossSiteFetch = new FakeRequest("POST", "/descope/verify").cookie("__Secure-DSCSRF", token)
                .param("csrf", token).header("Sec-Fetch-Site", "cross-site");
        FakeRequest sameSiteSibling = new FakeRequest("POST", "/descope/verify").cookie("__Secure-DSCSRF", token)
                .param("csrf", token).header("Sec-Fetch-Site", "same-site");
        FakeRequest nullOrigin = new FakeRequest("POST", "/descope/verify").cookie("__Secure-DSCSRF", token)
                .param("csrf", token).header("Origin", "null");

        assertThat(csrf.isValid(fromElsewhere.proxy())).isFalse();
        assertThat(csrf.isValid(crossSiteFetch.proxy())).isFalse();
        assertThat(csrf.isValid(sameSiteSibling.proxy())).isFalse();
        assertThat(csrf.isValid(nullOrigin.proxy())).isFalse();
    }

    @Test
    void sl01_refusesMissingWrongOrAmbiguousTokens() {
        String token = issueToken();
        String other = issueToken();

        assertThat(csrf.isValid(new FakeRequest("POST", "/x").cookie("__Secure-DSCSRF", token).proxy())).isFalse();
        assertThat(csrf.isValid(new FakeRequest("POST", "/x").param("csrf", token).proxy())).isFalse();
        assertThat(csrf.isValid(new FakeRequest("POST", "/x").cookie("__Secure-DSCSRF", token).param("csrf", other).proxy()))
                .isFalse();
        assertThat(csrf.isValid(new FakeRequest("POST", "/x").cookie("__Secure-DSCSRF", token).param("csrf", token)
                .param("csrf", token).proxy())).isFalse();
        assertThat(csrf.isValid(new FakeRequest("POST", "/x").cookie("__Secure-DSCSRF", token).cookie("__Secure-DSCSRF", other)
                .param("csrf", token).proxy())).isFalse();
        assertThat(csrf.isValid(new FakeRequest("POST", "/x").cookie("__Secure-DSCSRF", "short").param("csrf", "short")
                .proxy())).isFalse();
    }
}
