package io.descopefilter.jakarta.internal.http;

import io.descopefilter.jakarta.internal.config.PublicBaseUrl;
import io.descopefilter.jakarta.testsupport.FakeRequest;
import io.descopefilter.jakarta.testsupport.FakeResponse;
import io.descopefilter.jakarta.internal.pages.OutcomeWriter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ChallengeTest {

    private final Challenge challenge = new Challenge(PublicBaseUrl.parse("https://shop.example.com/shop"), "/login");

    private FakeResponse send(FakeRequest request, String path, String query) {
        FakeResponse response = new FakeResponse();
        HttpServletRequest servletRequest = request.proxy();
        try {
            new OutcomeWriter(Optional.empty(), PublicBaseUrl.parse("https://shop.example.com/shop"), "/login")
                    .write(servletRequest, response.proxy(), challenge.of(servletRequest, path, query));
        } catch (IOException | ServletException e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    @Test
    void browsersAreRedirectedToTheLoginPageWithTheOriginalPathAsNext() {
        FakeResponse response = send(new FakeRequest("GET", "/orders/42").header("Accept", "text/html"),
                "/orders/42", "tab=items");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location"))
                .isEqualTo("https://shop.example.com/shop/login?next=%2Forders%2F42%3Ftab%3Ditems");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void lh09_theLoginUrlIgnoresHostAndForwardedHeaders() {
        FakeResponse response = send(new FakeRequest("GET", "/orders").header("Host", "evil.com")
                .header("X-Forwarded-Host", "evil.com"), "/orders", null);

        assertThat(response.header("Location")).startsWith("https://shop.example.com/shop/login");
    }

    @Test
    void nonGetRequestsAreRedirectedWithoutNext() {
        FakeResponse response = send(new FakeRequest("POST", "/orders"), "/orders", null);
        assertThat(response.header("Location")).isEqualTo("https://shop.example.com/shop/login");
    }

    @Test
    void apiRequestsGet401WithABearerChallenge() {
        FakeResponse json = send(new FakeRequest("GET", "/api/x").header("Accept", "application/json"), "/api/x", null);
        FakeResponse bearer = send(new FakeRequest("GET", "/api/x").header("Authorization", "Bearer abc"), "/api/x",
                null);
        FakeResponse xhr = send(new FakeRequest("GET", "/api/x").header("X-Requested-With", "XMLHttpRequest"),
                "/api/x", null);

        for (FakeResponse response : new FakeResponse[] {json, bearer, xhr}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate"))
                    .isEqualTo("Bearer realm=\"descope\", error=\"invalid_token\"");
            assertThat(response.header("Location")).isNull();
            assertThat(response.contentType()).startsWith("application/json");
        }
    }
}
