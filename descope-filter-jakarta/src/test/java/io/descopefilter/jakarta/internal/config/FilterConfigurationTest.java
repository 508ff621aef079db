package io.descopefilter.jakarta.internal.config;

import com.nimbusds.jose.JWSAlgorithm;
import io.descopefilter.core.internal.config.InvalidSettingException;
import io.descopefilter.core.internal.config.SettingSource;
import io.descopefilter.core.internal.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterConfigurationTest {

    static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";

    static Map<String, String> minimal() {
        Map<String, String> values = new HashMap<>();
        values.put("projectId", PROJECT_ID);
        values.put("publicBaseUrl", "https://shop.example.com/shop");
        return values;
    }

    static FilterConfiguration configure(Map<String, String> values) {
        return FilterConfiguration.from(new Settings(List.of(SettingSource.of(values),
                SettingSource.environment(Map.of()))));
    }

    @Test
    void minimalSettingsGiveTheDocumentedDefaults() {
        FilterConfiguration config = configure(minimal());

        assertThat(config.client().projectId()).isEqualTo(PROJECT_ID);
        assertThat(config.client().hasManagementKey()).isFalse();
        assertThat(config.client().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.client().responseTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.client().callTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.validator().allowedAlgorithms()).containsExactly(JWSAlgorithm.RS256);
        assertThat(config.validator().leeway()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.validator().audience()).isNull();
        assertThat(config.publicBaseUrl()).isEqualTo(new PublicBaseUrl("https://shop.example.com", "/shop"));
        assertThat(config.routes()).isEqualTo(new Routes("/login", "/descope/verify", "/descope/enchanted",
                "/descope/poll", "/descope/logout", "/descope/logout-all", "/descope/tenant", "/", "/", Optional.empty()));
        assertThat(config.protectedPaths().matches("/anything")).isTrue();
        assertThat(config.publicPaths().matches("/anything")).isFalse();
        assertThat(config.landingMode()).isEqualTo(LandingMode.CONFIRM);
        assertThat(config.sessionStore()).isEqualTo(SessionStoreKind.COOKIE);
        assertThat(config.cookies().secure()).isTrue();
        assertThat(config.cookies().sameSite()).isEqualTo(SameSite.LAX);
        assertThat(config.cookies().domain()).isEmpty();
        assertThat(config.cookies().path()).isEqualTo("/shop");
        assertThat(config.acceptBearer()).isFalse();
        assertThat(config.sendLimits()).isEqualTo(new SendLimits(3, 20, 30, Duration.ofSeconds(60)));
    }

    @Test
    void rl12_missingProjectIdStopsStartWithTheSettingAndTheFix() {
        Map<String, String> values = minimal();
        values.remove("projectId");
        assertThatThrownBy(() -> configure(values))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("projectId")
                .hasMessageContaining("DESCOPE_PROJECT_ID")
                .hasMessageContaining("descope.projectId");
    }

    @Test
    void missingPublicBaseUrlStopsStart() {
        Map<String, String> values = minimal();
        values.remove("publicBaseUrl");
        assertThatThrownBy(() -> configure(values)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("publicBaseUrl");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "projectId|short",
            "projectId|P2aAc4T2V93bddihGEx2Ryhc8e5Z/x",
            "publicBaseUrl|shop.example.com",
            "publicBaseUrl|ftp://shop.example.com",
            "publicBaseUrl|https://shop.example.com/shop?x=1",
            "publicBaseUrl|https://user@shop.example.com",
            "publicBaseUrl|https://shop.example.com/a/../b",
            "baseUrl|ftp://api.descope.com",
            "trustedProxies|proxy.example.com",
            "loginPage|login",
            "loginPage|/login?x=1",
            "landingPath|/descope/../verify",
            "landingPath|/descope//verify",
            "pollPath|/descope/verify",
            "logoutPath|/login",
            "afterLoginPath|//evil.com",
            "afterLogoutPath|https://evil.com",
            "publicPaths|/assets/*.css",
            "protectedPaths|app/*",
            "landingMode|sometimes",
            "sessionStore|database",
            "cookieSecure|yes",
            "cookieSameSite|sometimes",
            "cookieDomain|exa mple.com",
            "cookiePath|shop",
            "acceptBearer|1",
            "sendLimitPerLoginId|0",
            "sendLimitPerClient|-1",
            "sendLimitWindow|0",
            "failedVerifyLimitPerClient|0",
            "allowedAlgorithms|HS256",
            "allowedAlgorithms|none",
            "clockSkew|61",
            "clockSkew|five",
            "errorPage|/descope/poll",
            "connectTimeout|0",
            "responseTimeout|abc",
            "callTimeout|-5"})
    void invalidValuesStopStartNamingTheSetting(String name, String value) {
        Map<String, String> values = minimal();
        values.put(name, value);
        assertThatThrownBy(() -> configure(values))
                .isInstanceOf(InvalidSettingException.class)
                .satisfies(e -> assertThat(((InvalidSettingException) e).setting().name()).isEqualTo(name))
                .hasMessageContaining("'" + name + "'");
    }

    @Test
    void sameSiteNoneNeedsSecureCookies() {
        Map<String, String> values = minimal();
        values.put("cookieSameSite", "none");
        values.put("cookieSecure", "false");
        assertThatThrownBy(() -> configure(values)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("cookieSameSite");
    }

    @Test
    void verifiedTokenCacheSizeReachesTheValidatorAndIsBounded() {
        assertThat(configure(minimal()).validator().verifiedTokenCacheSize()).isEqualTo(10_000);
        Map<String, String> values = minimal();
        values.put("verifiedTokenCacheSize", "200000");
        assertThat(configure(values).validator().verifiedTokenCacheSize()).isEqualTo(200_000);
        values.put("verifiedTokenCacheSize", "0");
        assertThat(configure(values).validator().verifiedTokenCacheSize()).isZero();
        for (String refused : new String[] {"-1", "16777217", "many"}) {
            values.put("verifiedTokenCacheSize", refused);
            assertThatThrownBy(() -> configure(values)).isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("verifiedTokenCacheSize");
        }
    }

    @Test
    void secureCookiesOnPlainHttpAreRefusedExceptOnLoopback() {
        Map<String, String> values = minimal();
        values.put("publicBaseUrl", "http://shop.example.com");
        assertThatThrownBy(() -> configure(values)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("cookieSecure");

        values.put("publicBaseUrl", "http://127.0.0.1:8080/app");
        assertThat(configure(values).cookies().secure()).isTrue();
        values.put("publicBaseUrl", "http://shop.example.com");
        values.put("cookieSecure", "false");
        assertThat(configure(values).cookies().secure()).isFalse();
    }

    @Test
    void managementKeyIsNeverShownInMessages() {
        Map<String, String> values = minimal();
        values.put("managementKey", "K2 secret with blanks");
        assertThatThrownBy(() -> configure(values)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("managementKey")
                .hasMessageNotContaining("secret with blanks");
    }

    @Test
    void everySettingCanBeChanged() {
        Map<String, String> values = minimal();
        values.put("managementKey", "K2abc");
        values.put("baseUrl", "http://127.0.0.1:4500");
        values.put("publicBaseUrl", "https://shop.example.com:8443/");
        values.put("trustedProxies", "10.0.0.1, ::1");
        values.put("loginPage", "/signin");
        values.put("landingPath", "/auth/verify");
        values.put("enchantedLandingPath", "/auth/enchanted");
        values.put("pollPath", "/auth/poll");
        values.put("logoutPath", "/auth/logout");
        values.put("afterLoginPath", "/home?welcome=1");
        values.put("afterLogoutPath", "/bye");
        values.put("publicPaths", "/assets/*, /about");
        values.put("protectedPaths", "/app/*");
        values.put("landingMode", "direct");
        values.put("sessionStore", "http-session");
        values.put("cookieSecure", "true");
        values.put("cookieSameSite", "strict");
        values.put("cookieDomain", "example.com");
        values.put("cookiePath", "/app");
        values.put("acceptBearer", "true");
        values.put("sendLimitPerLoginId", "5");
        values.put("sendLimitPerClient", "50");
        values.put("sendLimitWindow", "120");
        values.put("failedVerifyLimitPerClient", "7");
        values.put("allowedAlgorithms", "RS256,RS512");
        values.put("clockSkew", "10");
        values.put("audience", "my-app");
        values.put("errorPage", "/problem");
        values.put("connectTimeout", "1");
        values.put("responseTimeout", "3");
        values.put("callTimeout", "4");

        FilterConfiguration config = configure(values);

        assertThat(config.client().hasManagementKey()).isTrue();
        assertThat(config.client().baseUrl()).hasToString("http://127.0.0.1:4500");
        assertThat(config.publicBaseUrl()).isEqualTo(new PublicBaseUrl("https://shop.example.com:8443", ""));
        assertThat(config.routes()).isEqualTo(new Routes("/signin", "/auth/verify", "/auth/enchanted", "/auth/poll",
                "/auth/logout", "/descope/logout-all", "/descope/tenant", "/home?welcome=1", "/bye",
                Optional.of("/problem")));
        assertThat(config.publicPaths().matches("/about")).isTrue();
        assertThat(config.protectedPaths().matches("/about")).isFalse();
        assertThat(config.landingMode()).isEqualTo(LandingMode.DIRECT);
        assertThat(config.sessionStore()).isEqualTo(SessionStoreKind.HTTP_SESSION);
        assertThat(config.cookies().sameSite()).isEqualTo(SameSite.STRICT);
        assertThat(config.cookies().domain()).contains("example.com");
        assertThat(config.cookies().path()).isEqualTo("/app");
        assertThat(config.acceptBearer()).isTrue();
        assertThat(config.sendLimits()).isEqualTo(new SendLimits(5, 50, 7, Duration.ofSeconds(120)));
        assertThat(config.validator().allowedAlgorithms()).isEqualTo(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS512));
        assertThat(config.validator().leeway()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.validator().audience()).isEqualTo("my-app");
        assertThat(config.client().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.client().responseTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.client().callTimeout()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void rootPublicBaseUrlGivesRootCookiePath() {
        Map<String, String> values = minimal();
        values.put("publicBaseUrl", "https://shop.example.com");
        assertThat(configure(values).cookies().path()).isEqualTo("/");
    }

    @Test
    void settingsComeFromTheFirstSourceThatHasThem() {
        Settings settings = new Settings(List.of(
                SettingSource.of(Map.of("landingMode", "auto")),
                SettingSource.environment(Map.of("DESCOPE_PROJECT_ID", PROJECT_ID,
                        "DESCOPE_PUBLIC_BASE_URL", "https://shop.example.com", "DESCOPE_LANDING_MODE", "direct"))));
        FilterConfiguration config = FilterConfiguration.from(settings);
        assertThat(config.client().projectId()).isEqualTo(PROJECT_ID);
        assertThat(config.landingMode()).isEqualTo(LandingMode.AUTO);
    }
}
