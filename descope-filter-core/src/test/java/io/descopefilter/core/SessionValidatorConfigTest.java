package io.descopefilter.core;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static io.descopefilter.core.TestTokens.PROJECT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionValidatorConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SessionValidatorConfig config = SessionValidatorConfig.builder(PROJECT_ID).build();

        assertThat(config.allowedAlgorithms()).containsExactly(JWSAlgorithm.RS256);
        assertThat(config.audience()).isNull();
        assertThat(config.leeway()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.maxTokenLength()).isEqualTo(8192);
        assertThat(config.keySetTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.keySetRefreshAhead()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.keyFetchCooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.outageTolerance()).isEqualTo(Duration.ofHours(1));
        assertThat(config.keyFetchWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.verifiedTokenCacheSize()).isEqualTo(10_000);
    }

    @Test
    void unsafeOrNonsensicalSettingsAreRefused() {
        assertThatThrownBy(() -> SessionValidatorConfig.builder(null).build()).isInstanceOf(NullPointerException.class);
        for (SessionValidatorConfig.Builder bad : java.util.List.of(
                SessionValidatorConfig.builder(" "),
                SessionValidatorConfig.builder(PROJECT_ID).allowedAlgorithms(Set.of()),
                SessionValidatorConfig.builder(PROJECT_ID).allowedAlgorithms(Set.of(JWSAlgorithm.HS256)),
                SessionValidatorConfig.builder(PROJECT_ID).allowedAlgorithms(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256)),
                SessionValidatorConfig.builder(PROJECT_ID).allowedAlgorithms(Set.of(new JWSAlgorithm("none"))),
                SessionValidatorConfig.builder(PROJECT_ID).audience(" "),
                SessionValidatorConfig.builder(PROJECT_ID).leeway(Duration.ofSeconds(61)),
                SessionValidatorConfig.builder(PROJECT_ID).leeway(Duration.ofSeconds(-1)),
                SessionValidatorConfig.builder(PROJECT_ID).maxTokenLength(10),
                SessionValidatorConfig.builder(PROJECT_ID).keySetTtl(Duration.ZERO),
                SessionValidatorConfig.builder(PROJECT_ID).keySetRefreshAhead(Duration.ofMinutes(5)),
                SessionValidatorConfig.builder(PROJECT_ID).keyFetchWait(Duration.ZERO),
                SessionValidatorConfig.builder(PROJECT_ID).verifiedTokenCacheSize(-1))) {
            assertThatThrownBy(bad::build).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRefusedValueNamesItsField() {
        DescopeClientConfigTest.assertField("projectId", () -> SessionValidatorConfig.builder("a/b").build());
        DescopeClientConfigTest.assertField("baseUrl", () -> SessionValidatorConfig.builder(PROJECT_ID)
                .baseUrl("http://descope.internal").build());
        DescopeClientConfigTest.assertField("allowedAlgorithms", () -> SessionValidatorConfig.builder(PROJECT_ID)
                .allowedAlgorithms(Set.of(JWSAlgorithm.HS256)).build());
        DescopeClientConfigTest.assertField("audience", () -> SessionValidatorConfig.builder(PROJECT_ID)
                .audience(" ").build());
        DescopeClientConfigTest.assertField("leeway", () -> SessionValidatorConfig.builder(PROJECT_ID)
                .leeway(Duration.ofSeconds(61)).build());
        DescopeClientConfigTest.assertField("maxTokenLength", () -> SessionValidatorConfig.builder(PROJECT_ID)
                .maxTokenLength(10).build());
        DescopeClientConfigTest.assertField("keySetTtl", () -> SessionValidatorConfig.builder(PROJECT_ID)
                .keySetTtl(Duration.ZERO).build());
        DescopeClientConfigTest.assertField("keySetRefreshAhead", () -> SessionValidatorConfig.builder(PROJECT_ID)
                .keySetRefreshAhead(Duration.ofMinutes(5)).build());
        DescopeClientConfigTest.assertField("keyFetchCooldown", () -> SessionValidatorConfig.builder(PROJECT_ID)
                .keyFetchCooldown(Duration.ofSeconds(-1)).build());
        DescopeClientConfigTest.assertField("outageTolerance", () -> SessionValidatorConfig.builder(PROJECT_ID)
                .outageTolerance(Duration.ofSeconds(-1)).build());
        DescopeClientConfigTest.assertField("keyFetchWait", () -> SessionValidatorConfig.builder(PROJECT_ID)
                .keyFetchWait(Duration.ZERO).build());
        DescopeClientConfigTest.assertField("verifiedTokenCacheSize", () -> SessionValidatorConfig.builder(PROJECT_ID)
                .verifiedTokenCacheSize(-1).build());
    }

    @Test
    void theIssuersAreTheProjectIdAndItsBaseUrlsUrlIssuer() {
        assertThat(SessionValidatorConfig.builder(PROJECT_ID).build().acceptedIssuers())
                .containsExactlyInAnyOrder(PROJECT_ID, "https://api.descope.com/" + PROJECT_ID);
        assertThat(SessionValidatorConfig.builder(PROJECT_ID).baseUrl("https://auth.example.com/").build()
                .acceptedIssuers()).containsExactlyInAnyOrder(PROJECT_ID, "https://auth.example.com/" + PROJECT_ID);
    }
}
