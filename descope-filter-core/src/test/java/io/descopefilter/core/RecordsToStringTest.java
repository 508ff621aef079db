package io.descopefilter.core;

import io.descopefilter.core.internal.http.DescopeTransport;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.core.internal.wire.PendingRefBody;
import io.descopefilter.core.internal.wire.TokenBody;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Checklist LH-08: no record that carries a token, JWT or key prints it. */
class RecordsToStringTest {

    private static final String SESSION_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJkcm4iOiJEUyJ9.c2Vzc2lvbnNpZw";
    private static final String REFRESH_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJkcm4iOiJEU1IifQ.cmVmcmVzaHNpZw";
    private static final String LINK_TOKEN = "linkToken0123456789abcdef";

    @Test
    void lh08_jwtResponseToStringMasksBothJwts() {
        JwtResponse response = new JwtResponse(SESSION_JWT, REFRESH_JWT, "example.com", "/", 60, 1L, true, null);

        assertThat(response.toString())
                .doesNotContain(SESSION_JWT).doesNotContain(REFRESH_JWT)
                .contains("<redacted>").contains("example.com");
    }

    @Test
    void lh08_enchantedLinkResponseToStringMasksPendingRef() {
        EnchantedLinkResponse response = new EnchantedLinkResponse("pendingRefSecret42", "42", "a***@b.com");

        assertThat(response.toString()).doesNotContain("pendingRefSecret42").contains("linkId=42");
    }

    @Test
    void lh08_wireBodiesMaskTokensAndPendingRefs() {
        assertThat(new TokenBody(LINK_TOKEN).toString()).doesNotContain(LINK_TOKEN);
        assertThat(new PendingRefBody(LINK_TOKEN).toString()).doesNotContain(LINK_TOKEN);
    }

    @Test
    void lh08_transportCallToStringMasksTheAuthorizationHeader() {
        DescopeTransport.Call call = new DescopeTransport.Call("POST", "/v1/auth/refresh",
                "Bearer P2aAc4T2V93bddihGEx2Ryhc8e5Z:" + REFRESH_JWT,
                "{}".getBytes(StandardCharsets.UTF_8), false);

        assertThat(call.toString()).doesNotContain(REFRESH_JWT).contains("/v1/auth/refresh");
    }
}
