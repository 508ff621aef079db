package io.descopefilter.core.internal.http;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.LoginOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The edge rules themselves; {@code ValidationBeforeHttpTest} proves they run before any HTTP call. */
class InputChecksTest {

    @Test
    void loginIdMustBeNonBlankBoundedAndFreeOfControlCharacters_lh08() {
        assertThatThrownBy(() -> InputChecks.loginId(" ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> InputChecks.loginId("a".repeat(321))).hasMessageContaining("at most 320");
        assertThatThrownBy(() -> InputChecks.loginId("alice@example.com\r\nInjected: 1"))
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> InputChecks.loginId("alice\u2028@example.com"))
                .hasMessageContaining("control characters");
        assertThat(InputChecks.loginId("alice@example.com")).isEqualTo("alice@example.com");
    }

    @Test
    void emailChannelNeedsAWellFormedAddress() {
        for (String bad : List.of("alice", "alice@", "@example.com", "alice@example", "al ice@example.com",
                "alice@@example.com", "alice@exa_mple.com")) {
            assertThatThrownBy(() -> InputChecks.address(DeliveryMethod.EMAIL, bad, "loginId")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email address");
        }
        assertThatCode(() -> InputChecks.address(DeliveryMethod.EMAIL, "a.b+tag@mail.example.co.uk", "loginId"))
                .doesNotThrowAnyException();
    }

    @Test
    void phoneChannelsNeedE164() {
        for (DeliveryMethod method : List.of(DeliveryMethod.SMS, DeliveryMethod.WHATSAPP, DeliveryMethod.VOICE)) {
            for (String bad : List.of("5555550100", "+05555550100", "+1 555 555 0100", "+1234", "+1234567890123456")) {
                assertThatThrownBy(() -> InputChecks.address(method, bad, "loginId")).as(method + " " + bad)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("E.164");
            }
            assertThat(InputChecks.address(method, "+15555550100", "loginId")).isEqualTo("+15555550100");
        }
    }

    @Test
    void redirectUriMustBeAbsoluteHttpOrHttps_rd() {
        for (String bad : List.of("/verify", "javascript:alert(1)", "ftp://example.com/v", "https://", "//evil.com",
                "https://user@example.com/v", "https://example.com/\nx")) {
            assertThatThrownBy(() -> InputChecks.redirectUri(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(InputChecks.redirectUri(null)).isNull();
        assertThat(InputChecks.redirectUri("http://localhost:8080/descope/verify?x=1"))
                .isEqualTo("http://localhost:8080/descope/verify?x=1");
    }

    @Test
    void tx04_linkTokenMustBeNonBlankBoundedVisibleAscii() {
        assertThatThrownBy(() -> InputChecks.opaqueToken("", "token")).hasMessageContaining("blank");
        assertThatThrownBy(() -> InputChecks.opaqueToken("a".repeat(100_000), "token"))
                .hasMessageContaining("at most");
        assertThatThrownBy(() -> InputChecks.opaqueToken("abc\r\ndef", "token")).hasMessageContaining("visible");
        assertThatThrownBy(() -> InputChecks.opaqueToken("abc\u0000", "token")).hasMessageContaining("visible");
        assertThatThrownBy(() -> InputChecks.opaqueToken("abcé", "token")).hasMessageContaining("visible");
    }

    @Test
    void refreshJwtMustBeACompactJws() {
        assertThatThrownBy(() -> InputChecks.refreshJwt(null)).hasMessageContaining("blank");
        assertThatThrownBy(() -> InputChecks.refreshJwt("not-a-jwt")).hasMessageContaining("compact JWT");
        assertThatThrownBy(() -> InputChecks.refreshJwt("a.b.c:extra")).hasMessageContaining("compact JWT");
        assertThat(InputChecks.refreshJwt("aGVhZA.Ym9keQ.c2ln")).isEqualTo("aGVhZA.Ym9keQ.c2ln");
    }

    @Test
    void customClaimsAllowOnlyScalars() {
        assertThatCode(() -> InputChecks.customClaims(Map.of("s", "v", "n", 1, "d", 1.5, "b", true)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> InputChecks.customClaims(Map.of("nested", Map.of("a", 1))))
                .hasMessageContaining("'nested'");
        assertThatThrownBy(() -> InputChecks.customClaims(Map.of("list", List.of(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InputChecks.customClaims(Map.of("nan", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InputChecks.customClaims(Map.of(" ", "v")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loginOptionsRejectUnsupportedClaimValuesAtConstruction() {
        assertThatThrownBy(() -> LoginOptions.builder().customClaims(Map.of("k", new Object())).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginOptions.builder().pkceChallenge("bad challenge").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LoginOptions.builder().stepup(true).build().requiresRefreshJwt()).isTrue();
        assertThat(LoginOptions.builder().mfa(true).build().requiresRefreshJwt()).isTrue();
        assertThat(LoginOptions.NONE.requiresRefreshJwt()).isFalse();
    }

    @Test
    void messagesNeverEchoTheRejectedValue_lh08() {
        String secretish = "eyJhbGciOiJub25lIn0.eyJ4IjoxfQ";
        assertThatThrownBy(() -> InputChecks.refreshJwt(secretish)).hasMessageNotContaining(secretish);
        assertThatThrownBy(() -> InputChecks.opaqueToken(secretish + " x", "token"))
                .hasMessageNotContaining(secretish);
    }
}
