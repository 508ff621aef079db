package io.descopefilter.jakarta.internal.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AmbiguousPathGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app/x", "/app/x/", "/ctx/app/x", "/app/x%20", "/caf%C3%A9", "/a-b_c.d~e",
            "/files/report.pdf", "/app/%41"})
    void acceptsCanonicalPaths(String uri) {
        assertThat(AmbiguousPathGuard.isAmbiguous(uri)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/public/../app/x", "/public/%2e%2e/app/x", "/public/.%2e/app/x", "/./app/x",
            "/app/.", "/app/..", "/public/%2E%2E/app/x"})
    void pm01_refusesDotSegmentsRawOrEncoded(String uri) {
        assertThat(AmbiguousPathGuard.isAmbiguous(uri)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app;x=y/x", "/public/..;/app/x", "/app/x;.css", "/;/app/x", "/ctx/..;/other"})
    void pm02_refusesSemicolonsAnywhere(String uri) {
        assertThat(AmbiguousPathGuard.isAmbiguous(uri)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app%3bx/x", "/app%2fx", "/app%2Fx", "/app%5cx", "/app/%252f", "/app/%25%32%66",
            "/app\\x"})
    void pm03_refusesEncodedSeparatorsAndDoubleEncoding(String uri) {
        assertThat(AmbiguousPathGuard.isAmbiguous(uri)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app//x", "//app/x"})
    void pm04_refusesEmptySegments(String uri) {
        assertThat(AmbiguousPathGuard.isAmbiguous(uri)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app/x%0a", "/app/x%0d", "/app/x%00", "/app/x%E2%80%A8", "/app/x%E2%80%A9",
            "/app/x%7f", "/app/x%C2%85", "/app/x\n", "/app/\u00e9", "/app/x%zz", "/app/x%", "/app/x%C3"})
    void pm05_refusesControlCharactersNonAsciiAndMalformedEscapes(String uri) {
        assertThat(AmbiguousPathGuard.isAmbiguous(uri)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app;jsessionid=ABC123", "/app/x;JSESSIONID=1"})
    void se11_refusesUrlRewrittenSessionIds(String uri) {
        assertThat(AmbiguousPathGuard.isAmbiguous(uri)).isTrue();
    }
}
