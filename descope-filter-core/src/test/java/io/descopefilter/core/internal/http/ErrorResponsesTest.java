package io.descopefilter.core.internal.http;

import io.descopefilter.core.DescopeException;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.core.DescopeException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    private static DescopeException answer(int status, String body, String retryAfter) {
        return ErrorResponses.toException("POST /v1/x",
                new DescopeTransport.Response(status, body.getBytes(StandardCharsets.UTF_8), retryAfter));
    }

    private static String error(String code) {
        return "{\"errorCode\":\"" + code + "\",\"errorDescription\":\"d\",\"errorMessage\":\"m\"}";
    }

    @Test
    void specificCodesWinOverTheStatusClass() {
        assertThat(answer(401, error("E062503"), null).kind()).isEqualTo(Kind.ENCHANTED_LINK_PENDING);
        assertThat(answer(401, error("E062504"), null).kind()).isEqualTo(Kind.TOKEN_EXPIRED_OR_USED);
        assertThat(answer(401, error("E063010"), null).kind()).isEqualTo(Kind.TOKEN_EXPIRED_OR_USED);
        assertThat(answer(400, error("E062108"), null).kind()).isEqualTo(Kind.USER_NOT_FOUND);
        assertThat(answer(400, error("E112102"), null).kind()).isEqualTo(Kind.USER_NOT_FOUND);
        assertThat(answer(400, error("E062107"), null).kind()).isEqualTo(Kind.USER_ALREADY_EXISTS);
        assertThat(answer(400, error("E130429"), null).kind()).isEqualTo(Kind.RATE_LIMITED);
    }

    @Test
    void statusClassDecidesWithoutAKnownCode() {
        assertThat(answer(401, error("E061004"), null).kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(answer(403, "", null).kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(answer(400, error("E011003"), null).kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(answer(503, "<html>busy</html>", null).kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(answer(302, "", null).kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
    }

    @Test
    void errorFieldsAreExposed() {
        DescopeException e = answer(400, error("E062108"), null);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("E062108");
        assertThat(e.errorDescription()).isEqualTo("d");
        assertThat(e.errorMessage()).isEqualTo("m");
        assertThat(e.retryAfterSeconds()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("POST /v1/x failed: HTTP 400 E062108 (d)");
    }

    @Test
    void rateLimitCarriesRetryAfterSecondsFromTheHeader_rl05() {
        DescopeException e = answer(429, error("E130429"), "7");

        assertThat(e.isRateLimited()).isTrue();
        assertThat(e.retryAfterSeconds()).hasValue(7);
    }

    @Test
    void rateLimitWithoutRetryAfterHeaderUsesTheDefault_rl05() {
        assertThat(answer(429, "", null).retryAfterSeconds()).hasValue(ErrorResponses.RATE_LIMIT_RETRY_AFTER_SECONDS);
        assertThat(answer(429, "", "soon").retryAfterSeconds()).hasValue(ErrorResponses.RATE_LIMIT_RETRY_AFTER_SECONDS);
    }

    @Test
    void retryAfterAcceptsAnHttpDateAndIsBoundedToOneDay() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2).plusSeconds(1));

        assertThat(ErrorResponses.retryAfterSeconds(inTwoMinutes)).isBetween(100L, 121L);
        assertThat(ErrorResponses.retryAfterSeconds("999999999")).isEqualTo(86_400L);
    }

    @Test
    void lh08_serverTextIsStrippedOfControlCharactersAndJwts() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        DescopeException e = answer(400, "{\"errorCode\":\"E011001\",\"errorDescription\":\"bad\\r\\nX-Log: "
                + jwt + "\"}", null);

        assertThat(e.getMessage()).doesNotContain(jwt).doesNotContain("\r").doesNotContain("\n");
        assertThat(e.errorDescription()).contains("<redacted>");
    }

    @Test
    void unusableErrorCodeIsDropped() {
        DescopeException e = answer(400, "{\"errorCode\":\"E01\\n<script>\"}", null);

        assertThat(e.errorCode()).isNull();
        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    }
}
