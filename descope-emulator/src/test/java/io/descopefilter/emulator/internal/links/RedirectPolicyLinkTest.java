package io.descopefilter.emulator.internal.links;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedirectPolicyLinkTest {

    @Test
    void theTokenGoesIntoTheQueryBeforeAnyFragment() {
        assertThat(RedirectPolicy.linkWithToken("http://localhost/verify#done", "abc"))
                .isEqualTo("http://localhost/verify?t=abc#done");
        assertThat(RedirectPolicy.linkWithToken("http://localhost/verify?a=1#done", "abc"))
                .isEqualTo("http://localhost/verify?a=1&t=abc#done");
    }

    @Test
    void masksKeepOnlyTheFirstLetterOrTheLastFourDigits() {
        assertThat(Masking.email("alice@example.com")).isEqualTo("a***@example.com");
        assertThat(Masking.phone("+15555550100")).isEqualTo("+*******0100");
        assertThat(Masking.phone("5555550100")).isEqualTo("******0100");
    }
}
