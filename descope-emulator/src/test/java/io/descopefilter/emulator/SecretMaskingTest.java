package io.descopefilter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretMaskingTest {

    @Test
    void configAndTokensNeverPrintTheirSecrets() {
        EmulatorConfig config = TestEmulators.builder().config();
        EmulatorTokens tokens = new EmulatorTokens("eyJsession.payload.sig", "eyJrefresh.payload.sig");

        assertThat(config.toString()).contains(TestEmulators.PROJECT_ID).doesNotContain(TestEmulators.MANAGEMENT_KEY);
        assertThat(tokens.toString()).doesNotContain("eyJ");
    }

    @Test
    void aManagementKeyThatWouldBreakTheBearerFormatIsRefused() {
        DescopeEmulator.Builder builder = TestEmulators.builder().managementKey("K2with:colon");

        assertThatThrownBy(builder::config)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("K2with:colon");
    }
}
