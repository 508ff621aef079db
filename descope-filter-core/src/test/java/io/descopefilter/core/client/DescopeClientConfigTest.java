package io.descopefilter.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DescopeClientConfigTest {

    private static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";

    @Test
    void regionalProjectIdSelectsRegionalBaseUrl() {
        DescopeClientConfig config = DescopeClientConfig.builder()
                .projectId("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z")
                .build();

        assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.use1.descope.com"));
    }

    @Test
    void shortProjectIdUsesDefaultBaseUrl() {
        DescopeClientConfig config = DescopeClientConfig.builder().projectId(PROJECT_ID).build();

        assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.descope.com"));
    }

    @Test
    void explicitBaseUrlOverridesRegionAndLosesTrailingSlash() {
        DescopeClientConfig config = DescopeClientConfig.builder()
                .projectId("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z")
                .baseUrl("http://127.0.0.1:8080/")
                .build();

        assertThat(config.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    }

    @Test
    void defaultsAreTwoFiveAndTenSecondsAndOneMebibyte() {
        DescopeClientConfig config = DescopeClientConfig.builder().projectId(PROJECT_ID).build();

        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.responseTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxResponseBytes()).isEqualTo(1024 * 1024);
        assertThat(config.retryBudget()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.hasManagementKey()).isFalse();
    }

    @Test
    void projectIdShorterThan28CharactersIsRejected_rl12() {
        assertThatThrownBy(() -> DescopeClientConfig.builder().projectId("P2aAc4T2V93bddihGEx2Ryhc8e5").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 28");
    }

    @Test
    void projectIdWithCharactersOutsideLettersAndDigitsIsRejected_rl12() {
        assertThatThrownBy(() -> DescopeClientConfig.builder().projectId("P2aAc4T2V93bddihGEx2Ryhc8e5Z/../x").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DescopeClientConfig.builder().projectId("P2aAc4T2V93bddihGEx2Ryhc8e5Z:x").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingProjectIdIsRejected() {
        assertThatThrownBy(() -> DescopeClientConfig.builder().build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("projectId");
    }

    @Test
    void baseUrlMustBeAbsoluteHttpWithoutQueryOrUserInfo() {
        for (String bad : new String[] {"ftp://api.descope.com", "/relative", "https://u:p@api.descope.com",
                "https://api.descope.com/?x=1", "https://api.descope.com/#f"}) {
            assertThatThrownBy(() -> DescopeClientConfig.builder().projectId(PROJECT_ID).baseUrl(bad).build())
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void nonPositiveTimeoutsAndLimitsAreRejected() {
        assertThatThrownBy(() -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .callTimeout(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .connectTimeout(Duration.ofSeconds(-1)).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .maxResponseBytes(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .maxConnections(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .retryBudget(Duration.ofMillis(-1)).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void managementKeyWithSpacesControlCharactersOrColonIsRejected() {
        assertThatThrownBy(() -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .managementKey("K2 secret").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("K2 secret");
        assertThatThrownBy(() -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .managementKey("K2\r\nX-Evil: 1").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .managementKey("K2part:other").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lh08_configToStringNeverShowsManagementKey() {
        String key = "K2secretManagementKeyValue0123456789";
        DescopeClientConfig config = DescopeClientConfig.builder().projectId(PROJECT_ID).managementKey(key).build();

        assertThat(config.toString()).doesNotContain(key).contains(PROJECT_ID).contains("<redacted>");
    }
}
