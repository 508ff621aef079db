package io.descopefilter.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    enum Mode { CONFIRM, AUTO, DIRECT, HTTP_SESSION }

    static final Setting<String> PROJECT_ID = Setting.text("projectId", null, "your Descope project ID");
    static final Setting<String> MANAGEMENT_KEY = Setting.secret("managementKey", "a Descope management key");
    static final Setting<Boolean> SECURE = Setting.flag("cookieSecure", true, "send cookies over HTTPS only");
    static final Setting<Duration> SKEW = Setting.seconds("clockSkew", Duration.ofSeconds(5), "allowed clock skew");
    static final Setting<List<String>> PUBLIC = Setting.list("publicPaths", List.of("/"), "public path patterns");
    static final Setting<Mode> MODE = Setting.choice("landingMode", Mode.class, Mode.CONFIRM, "landing mode");
    static final Setting<Duration> TIMEOUT = Setting.milliseconds("storeTimeout", Duration.ofMillis(250),
            "how long one store call may take");
    static final Setting<String> PREFIX = Setting.word("keyPrefix", "descope:", "a prefix of every key");

    @Test
    void firstSourceWithANonBlankValueWins() {
        Settings settings = new Settings(List.of(
                SettingSource.named("init-param", Map.of("projectId", "  ")::get),
                SettingSource.named("context-param", Map.of("projectId", "Pcontext")::get),
                SettingSource.environment(Map.of("DESCOPE_PROJECT_ID", "Penv"))));

        assertThat(settings.get(PROJECT_ID)).isEqualTo("Pcontext");
    }

    @Test
    void environmentAndSystemPropertyNamesFollowTheConvention() {
        assertThat(PROJECT_ID.environmentVariableName()).isEqualTo("DESCOPE_PROJECT_ID");
        assertThat(PROJECT_ID.systemPropertyName()).isEqualTo("descope.projectId");
        assertThat(SECURE.environmentVariableName()).isEqualTo("DESCOPE_COOKIE_SECURE");
    }

    @Test
    void systemPropertyIsReadWithThePrefix() {
        System.setProperty("descope.clockSkew", "7");
        try {
            Settings settings = new Settings(List.of(SettingSource.systemProperties()));
            assertThat(settings.get(SKEW)).isEqualTo(Duration.ofSeconds(7));
        } finally {
            System.clearProperty("descope.clockSkew");
        }
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Settings settings = new Settings(List.of(SettingSource.of(Map.of())));

        assertThat(settings.get(SECURE)).isTrue();
        assertThat(settings.get(PUBLIC)).containsExactly("/");
        assertThat(settings.get(MODE)).isEqualTo(Mode.CONFIRM);
    }

    @Test
    void typedValuesAreParsed() {
        Settings settings = new Settings(List.of(SettingSource.of(Map.of(
                "cookieSecure", "FALSE", "publicPaths", " /, /login ,,/public/* ", "landingMode", "http-session"))));

        assertThat(settings.get(SECURE)).isFalse();
        assertThat(settings.get(PUBLIC)).containsExactly("/", "/login", "/public/*");
        assertThat(settings.get(MODE)).isEqualTo(Mode.HTTP_SESSION);
    }

    @Test
    void missingRequiredSettingNamesEveryWayToSetIt() {
        Settings settings = new Settings(List.of(SettingSource.of(Map.of())));

        assertThatThrownBy(() -> settings.require(PROJECT_ID))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'projectId' is required")
                .hasMessageContaining("descope.projectId")
                .hasMessageContaining("DESCOPE_PROJECT_ID");
    }

    @Test
    void malformedValuesFailWithTheSourceAndTheReason() {
        Settings settings = new Settings(List.of(SettingSource.named("init-param",
                Map.of("cookieSecure", "yes", "clockSkew", "-1", "landingMode", "maybe")::get)));

        assertThatThrownBy(() -> settings.get(SECURE))
                .hasMessageContaining("init-param cookieSecure").hasMessageContaining("expected true or false");
        assertThatThrownBy(() -> settings.get(SKEW)).hasMessageContaining("expected zero or more seconds");
        assertThatThrownBy(() -> settings.get(MODE)).hasMessageContaining("[confirm, auto, direct, http-session]");
    }

    @Test
    void millisecondsAreWholeMillisecondsOrSecondsAboveZero() {
        assertThat(new Settings(List.of(SettingSource.of(Map.of()))).get(TIMEOUT)).isEqualTo(Duration.ofMillis(250));
        Map<String, Duration> accepted = Map.of("400", Duration.ofMillis(400), "400ms", Duration.ofMillis(400),
                "400 MS", Duration.ofMillis(400), "2s", Duration.ofSeconds(2), " 3 s ", Duration.ofSeconds(3));
        accepted.forEach((text, expected) -> assertThat(
                new Settings(List.of(SettingSource.of(Map.of("storeTimeout", text)))).get(TIMEOUT))
                .as(text).isEqualTo(expected));

        for (String refused : List.of("soon", "1.5s", "2m", "ms", "9223372036854775807s")) {
            Settings settings = new Settings(List.of(SettingSource.named("init-param", Map.of("storeTimeout", refused)::get)));
            assertThatThrownBy(() -> settings.get(TIMEOUT)).as(refused)
                    .isInstanceOf(InvalidSettingException.class).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'storeTimeout'").hasMessageContaining("init-param storeTimeout")
                    .hasMessageContaining("expected a whole number of milliseconds (250 or 250ms) or seconds (2s)")
                    .hasMessageContaining("Fix: how long one store call may take");
        }
        for (String refused : List.of("0", "0ms", "0s", "-5")) {
            Settings settings = new Settings(List.of(SettingSource.of(Map.of("storeTimeout", refused))));
            assertThatThrownBy(() -> settings.get(TIMEOUT)).as(refused).hasMessageContaining("expected more than zero");
        }
    }

    @Test
    void wordsArePrintableAsciiWithoutBlanksAndShownWhenRefused() {
        assertThat(new Settings(List.of(SettingSource.of(Map.of()))).get(PREFIX)).isEqualTo("descope:");
        assertThat(new Settings(List.of(SettingSource.of(Map.of("keyPrefix", " app1/ ")))).get(PREFIX))
                .isEqualTo("app1/");
        Settings bad = new Settings(List.of(SettingSource.of(Map.of("keyPrefix", "has blank"))));
        assertThatThrownBy(() -> bad.get(PREFIX)).hasMessageContaining("'keyPrefix' has an invalid value 'has blank'")
                .hasMessageContaining("expected printable ASCII without blanks");
    }

    @Test
    void secretValuesNeverAppearInMessages() {
        Settings good = new Settings(List.of(SettingSource.of(Map.of("managementKey", "K-super-secret"))));
        assertThat(good.get(MANAGEMENT_KEY)).isEqualTo("K-super-secret");

        Settings bad = new Settings(List.of(SettingSource.of(Map.of("managementKey", "K-leaked secret"))));
        assertThatThrownBy(() -> bad.get(MANAGEMENT_KEY))
                .hasMessageContaining("setting managementKey")
                .hasMessageNotContaining("K-leaked");
    }
}
