package io.descopefilter.jakarta.internal.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnToTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/orders/42", "/orders/42?tab=items&x=1", "/a/b#section", "/caf%C3%A9",
            "/search?q=a%2Fb", "/@evil.com", "/path:with:colons"})
    void acceptsSameOriginRelativePaths(String path) {
        assertThat(ReturnTo.ifSafe(path)).contains(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.com", "//evil.com/path", "https://evil.com", "http://evil.com", "evil.com",
            "orders/42", "", "?x=1", "#frag", "///evil.com", "/\\evil.com", "\\\\evil.com", "\\/evil.com",
            "https:evil.com", "//user@evil.com", "https://shop.example.com@evil.com/"})
    void rd01_rejectsOpenRedirectPayloads(String payload) {
        assertThat(ReturnTo.ifSafe(payload)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/\t/evil.com", "/%09/evil.com", " //evil.com", "\t//evil.com",
            "\u0000//evil.com", "\\/\\/evil.com", "/\n/evil.com", "/\r\n/evil.com", "/%5Cevil.com", "/%5C%5Cevil.com",
            "\u001f/\\evil.com"})
    void rd02_rejectsParserDifferencesAfterWhatwgNormalisation(String payload) {
        assertThat(ReturnTo.ifSafe(payload)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "java%0d%0ascript:alert(1)",
            "data:text/html,<script>alert(1)</script>", "/%0d%0aSet-Cookie:x=1", "/ok%0aLocation:https://evil.com",
            "/%00", "/a%E2%80%A8b", "vbscript:msgbox(1)"})
    void rd03_rejectsScriptSchemesAndLineBreaks(String payload) {
        assertThat(ReturnTo.ifSafe(payload)).isEmpty();
    }

    @Test
    void rd03_acceptedValuesNeverCarryLineBreaks() {
        assertThat(ReturnTo.ifSafe("/a\r\nb")).hasValueSatisfying(value -> assertThat(value).doesNotContain("\r", "\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%2F%2Fevil.com", "/%2f/evil.com", "/%252F%252Fevil.com", "/%25252F%25252Fevil.com",
            "/../other-app", "/a/../../admin", "/%2e%2e/admin", "/%252e%252e/admin", "/./x", "/a/..", "/%zz",
            "/%", "/%C3"})
    void rd06_rejectsEncodedTraversalAndDoubleEncodingTricks(String payload) {
        assertThat(ReturnTo.ifSafe(payload)).isEmpty();
    }

    @Test
    void rd06_rejectsOverlongValues() {
        assertThat(ReturnTo.ifSafe("/" + "a".repeat(ReturnTo.MAX_LENGTH))).isEmpty();
    }

    @Test
    void rd02_aTabThatHidesNoSecondSlashStaysOnThisOrigin() {
        assertThat(ReturnTo.ifSafe("/\tevil.com")).contains("/evil.com");
    }

    @Test
    void rd02_normalisesTabsAndBackslashesBeforeAccepting() {
        assertThat(ReturnTo.ifSafe("  /orders\t/42")).contains("/orders/42");
        assertThat(ReturnTo.ifSafe("/orders\\42")).contains("/orders/42");
    }

    @Test
    void rejectsNull() {
        assertThat(ReturnTo.ifSafe(null)).isEmpty();
    }
}
