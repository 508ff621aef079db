package io.descopefilter.core;

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

    @Test
    void plainHttpIsRefusedForAnyHostButLoopback() {
        for (String bad : new String[] {"http://api.descope.com", "http://10.0.0.1:8080", "http://192.168.1.5",
                "http://localhost.evil.example", "http://127.0.0.1.nip.io", "http://[::2]", "http://[fe80::1]",
                "http://0.0.0.0", "http://128.0.0.1"}) {
            assertThatThrownBy(() -> DescopeClientConfig.builder().projectId(PROJECT_ID).baseUrl(bad).build())
                    .as(bad)
                    .isInstanceOfSatisfying(InvalidConfigException.class,
                            e -> assertThat(e.field()).isEqualTo("baseUrl"))
                    .hasMessageContaining("https")
                    .hasMessageContaining("management key");
        }
        for (String loopback : new String[] {"http://localhost:4500", "http://LOCALHOST", "http://127.0.0.1:4500",
                "http://127.1.2.3", "http://[::1]:4500", "http://[0:0:0:0:0:0:0:1]", "https://10.0.0.1"}) {
            assertThat(DescopeClientConfig.builder().projectId(PROJECT_ID).baseUrl(loopback).build().baseUrl())
                    .as(loopback).isNotNull();
        }
    }

    @Test
    void aRefusedValueNamesItsField() {
        assertField("projectId", () -> DescopeClientConfig.builder().projectId("short").build());
        assertField("managementKey", () -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .managementKey("K2 secret").build());
        assertField("baseUrl", () -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .baseUrl("ftp://api.descope.com").build());
        assertField("baseUrl", () -> DescopeClientConfig.builder().projectId(PROJECT_ID).baseUrl("http://a b"));
        assertField("connectTimeout", () -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .connectTimeout(Duration.ZERO).build());
        assertField("responseTimeout", () -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .responseTimeout(Duration.ofSeconds(-1)).build());
        assertField("callTimeout", () -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .callTimeout(Duration.ZERO).build());
        assertField("retryBudget", () -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .retryBudget(Duration.ofMillis(-1)).build());
        assertField("maxResponseBytes", () -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .maxResponseBytes(0).build());
        assertField("maxConnections", () -> DescopeClientConfig.builder().projectId(PROJECT_ID)
                .maxConnections(0).build());
    }

    static void assertField(String field, org.assertj.core.api.ThrowableAssert.ThrowingCallable build) {
        assertThatThrownBy(build).as(field).isInstanceOfSatisfying(InvalidConfigException.class,
                e -> assertThat(e.field()).isEqualTo(field)).hasMessageContaining(field);
    }
}
