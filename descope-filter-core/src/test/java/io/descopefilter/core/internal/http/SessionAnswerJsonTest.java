package io.descopefilter.core.internal.http;

import io.descopefilter.core.DescopeUser;
import io.descopefilter.core.JwtResponse;
import io.descopefilter.core.internal.wire.TokenBody;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorUser;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streaming reader of the session answer reads exactly what JSON-B reads (JSON-B still reads every other answer,
 * so it is the reference), and refuses what is not a session answer.
 */
class SessionAnswerJsonTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private static JwtResponse streamed(String json) throws Exception {
        return JsonCodec.fromJson(json.getBytes(StandardCharsets.UTF_8), JwtResponse.class);
    }

    @Test
    void readsTheEmulatorsVerifyAnswerAsJsonBDoes() throws Exception {
        try (DescopeEmulator emulator = io.descopefilter.testsupport.Emulators.start(builder -> { })) {
            emulator.createUser(EmulatorUser.builder("ada@example.com").email("ada@example.com").name("Ada")
                    .roles("editor").permissions("doc.read")
                    .tenant("T1", List.of("tenant-admin"), List.of("billing.read")).build());
            HttpClient http = HttpClient.newHttpClient();
            String project = emulator.projectId();
            http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v1/auth/magiclink/signin/email"))
                    .header("Authorization", "Bearer " + project)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"loginId\":\"ada@example.com\",\"redirectUrl\":\"http://127.0.0.1/verify\"}"))
                    .build(), HttpResponse.BodyHandlers.discarding());
            String url = emulator.outbox().latestTo("ada@example.com").orElseThrow().links().get(0).url();
            String token = url.substring(url.indexOf("t=") + 2);
            byte[] request = JsonCodec.toJson(new TokenBody(token));
            assertThat(new String(request, StandardCharsets.UTF_8)).isEqualTo("{\"token\":\"" + token + "\"}");
            String answer = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl()
                            + "/v1/auth/magiclink/verify")).header("Authorization", "Bearer " + project)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            JwtResponse read = streamed(answer);

            assertThat(read).isEqualTo(JSONB.fromJson(answer, JwtResponse.class));
            assertThat(read.sessionJwt()).isNotBlank();
            assertThat(read.user().loginIds()).containsExactly("ada@example.com");
            assertThat(read.user().userTenants()).extracting(DescopeUser.Tenant::tenantId).containsExactly("T1");
        }
    }

    @Test
    void readsEveryFieldNullsUnknownFieldsAndCustomAttributesAsJsonBDoes() throws Exception {
        String answer = """
                {"sessionJwt":"a.b.c","refreshJwt":null,"cookieDomain":"example.com","cookiePath":"/",
                 "cookieMaxAge":2592000,"cookieExpiration":1767225600,"firstSeen":true,
                 "unknown":{"nested":[1,{"x":null}],"more":"text"},"alsoUnknown":[[]],
                 "user":{"userId":"U1","loginIds":["ada@example.com","+15555550100"],"name":"Ada L",
                   "givenName":"Ada","middleName":null,"familyName":"Lovelace","email":"ada@example.com",
                   "verifiedEmail":true,"phone":"+15555550100","verifiedPhone":false,"picture":"https://p",
                   "status":"enabled","test":false,"createdTime":1700000000,"roleNames":["admin"],
                   "permissions":[],"userTenants":[{"tenantId":"T1","tenantName":"One","roleNames":["r"],
                   "permissions":["p"],"extra":{}},{"tenantId":"T2"}],"externalIds":["x"],
                   "customAttributes":{"plan":"gold","seats":12,"ratio":0.25,"trial":false,"none":null,
                     "tags":["a",1,true],"address":{"city":"London","zip":{"code":"N1"}}}}}
                """;

        JwtResponse read = streamed(answer);

        assertThat(read).isEqualTo(JSONB.fromJson(answer, JwtResponse.class));
        assertThat(read.refreshJwt()).isNull();
        assertThat(read.cookieMaxAge()).isEqualTo(2592000);
        assertThat(read.user().customAttributes())
                .containsEntry("seats", new BigDecimal("12"))
                .containsEntry("tags", List.of("a", new BigDecimal("1"), true))
                .containsEntry("address", Map.of("city", "London", "zip", Map.of("code", "N1")));
        assertThat(read.user().userTenants().get(1).roleNames()).isEmpty();
    }

    @Test
    void absentUserListsAndNumbersAreEmptyAndZero() throws Exception {
        String answer = "{\"sessionJwt\":\"a.b.c\",\"user\":{\"userId\":\"U1\"}}";

        JwtResponse read = streamed(answer);

        assertThat(read).isEqualTo(JSONB.fromJson(answer, JwtResponse.class));
        assertThat(read.user().loginIds()).isEmpty();
        assertThat(read.user().customAttributes()).isEmpty();
        assertThat(read.cookieMaxAge()).isZero();
        assertThat(streamed("{\"sessionJwt\":\"a.b.c\",\"user\":null}").user()).isNull();
    }

    @Test
    void theUserOfMeIsReadTheSameWay() throws Exception {
        String user = "{\"userId\":\"U1\",\"loginIds\":[\"ada@example.com\"],\"customAttributes\":{\"n\":1}}";

        DescopeUser read = JsonCodec.fromJson(user.getBytes(StandardCharsets.UTF_8), DescopeUser.class);

        assertThat(read).isEqualTo(JSONB.fromJson(user, DescopeUser.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "  ", "[]", "\"text\"", "null", "{", "{\"sessionJwt\":\"a.b.c\"", "{\"sessionJwt\":\"a.b.c\"}x",
            "{\"sessionJwt\":{}}", "{\"sessionJwt\":[\"a\"]}", "{\"cookieMaxAge\":\"soon\"}",
            "{\"cookieMaxAge\":1.5}", "{\"cookieMaxAge\":99999999999}", "{\"firstSeen\":\"yes\"}", "{\"user\":[]}",
            "{\"user\":{\"loginIds\":\"ada\"}}", "{\"user\":{\"loginIds\":[1]}}", "{\"user\":{\"userTenants\":[1]}}",
            "{\"user\":{\"customAttributes\":[]}}", "{\"sessionJwt\":\"a.b.c\"}{}"})
    void whatIsNotASessionAnswerIsMalformed(String body) {
        assertThatThrownBy(() -> streamed(body)).isInstanceOf(JsonCodec.MalformedJsonException.class);
    }

    @Test
    void aBodyThatIsNotUtf8IsMalformed() {
        byte[] latin1 = "{\"sessionJwt\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> JsonCodec.fromJson(latin1, JwtResponse.class))
                .isInstanceOf(JsonCodec.MalformedJsonException.class).hasMessage("body is not UTF-8");
    }
}
