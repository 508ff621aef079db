package io.descopefilter.jakarta.internal.send;

import io.descopefilter.core.DeliveryMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginIdsTest {

    @Test
    void sl06_trimsAndAcceptsOrdinaryAddresses() {
        assertThat(LoginIds.email("  alice@example.com ")).isEqualTo("alice@example.com");
        assertThat(LoginIds.email("alice+news@example.com")).isEqualTo("alice+news@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "alice", "alice@", "@example.com", "alice@example", "alice@example.com\r\nBcc: x@y.com",
            "alice@exa mple.com", "al\u0069\u0307ce@example.com", "аlice@example.com", "alice@ex\u0430mple.com",
            "alice@@example.com", "alice\u0000@example.com"})
    void sl06_refusesMalformedControlAndLookAlikeAddresses(String email) {
        assertThatThrownBy(() -> LoginIds.email(email)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("valid email");
    }

    @Test
    void sl06_refusesOverlongAddresses() {
        String local = "a".repeat(64);
        String domain = ("b".repeat(60) + ".").repeat(4) + "com";
        assertThatThrownBy(() -> LoginIds.email(local + "@" + domain)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sl06_normalisesPhoneNumbersToE164() {
        assertThat(LoginIds.phone("+1 (555) 555-0100")).isEqualTo("+15555550100");
        assertThat(LoginIds.phone("+44.20.7946.0958")).isEqualTo("+442079460958");
        assertThat(LoginIds.forMethod(DeliveryMethod.SMS, "+15555550100")).isEqualTo("+15555550100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5555550100", "+0555550100", "+1555", "+1555555010012345", "+1555555\n0100", "+1555x5550100"})
    void sl06_refusesNumbersThatAreNotE164(String phone) {
        assertThatThrownBy(() -> LoginIds.phone(phone)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("international format");
    }

    @Test
    void sl02_limitKeyFoldsCaseAndPlusTagsOntoOneInbox() {
        assertThat(LoginIds.limitKey("Alice+1@Example.com")).isEqualTo("alice@example.com");
        assertThat(LoginIds.limitKey("alice+2@example.com")).isEqualTo("alice@example.com");
        assertThat(LoginIds.limitKey("+15555550100")).isEqualTo("+15555550100");
    }

    @Test
    void masksEmailAndPhoneTheSameWayWhateverTheCase() {
        assertThat(LoginIds.mask("alice@example.com")).isEqualTo("a***@example.com");
        assertThat(LoginIds.mask("Alice@EXAMPLE.com")).isEqualTo("a***@example.com");
        assertThat(LoginIds.mask("+15555550100")).isEqualTo("+***00");
        assertThat(LoginIds.mask("username")).isEqualTo("u***");
        assertThat(LoginIds.mask(null)).isEmpty();
    }

    @Test
    void rl_limitKeyCountsGmailAddressesPerCanonicalInbox() {
        assertThat(LoginIds.limitKey("A.l.i.c.e+news@Gmail.com")).isEqualTo("alice@gmail.com");
        assertThat(LoginIds.limitKey("alice@googlemail.com")).isEqualTo("alice@gmail.com");
        assertThat(LoginIds.limitKey("a.lice@example.com")).as("dots matter elsewhere").isEqualTo("a.lice@example.com");
    }
}
