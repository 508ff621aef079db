package io.descopefilter.core.internal.http;

import io.descopefilter.core.DescopeUser;
import io.descopefilter.core.JwtResponse;
import io.descopefilter.core.internal.wire.TokenBody;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.StringWriter;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON-B (Yasson) for request and response bodies, with one shared, thread-safe {@link Jsonb}; the session answer
 * of every sign-in and refresh and the verify request are read and written with JSON-P's streaming API instead
 * ({@link SessionAnswerJson}), as they are on the landing path.
 */
public final class JsonCodec {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private JsonCodec() {
    }

    public static byte[] toJson(Object body) {
        if (body instanceof TokenBody token) {
            // the verify request of every landing: one string field, written without JSON-B's reflection
            StringWriter out = new StringWriter(token.token().length() + 16);
            try (JsonGenerator json = GENERATORS.createGenerator(out)) {
                json.writeStartObject().write("token", token.token()).writeEnd();
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
        return JSONB.toJson(body).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a JSON object into {@code type}.
     *
     * @throws MalformedJsonException when the body is empty, not UTF-8, not a JSON object or does not fit the type
     */
    public static <T> T fromJson(byte[] body, Type type) throws MalformedJsonException {
        String text = utf8(body);
        if (!text.strip().startsWith("{")) {
            throw new MalformedJsonException(text.isBlank() ? "empty body" : "body is not a JSON object");
        }
        if (type == JwtResponse.class) {
            @SuppressWarnings("unchecked")
            T session = (T) SessionAnswerJson.jwtResponse(text);
            return session;
        }
        if (type == DescopeUser.class) {
            @SuppressWarnings("unchecked")
            T user = (T) SessionAnswerJson.user(text);
            return user;
        }
        T value;
        try {
            value = JSONB.fromJson(text, type);
        } catch (RuntimeException e) {
            // JsonbException, JsonParsingException, or a constructor rejecting a value: all mean "unusable body".
            throw new MalformedJsonException("body is not valid JSON for the expected shape");
        }
        if (value == null) {
            throw new MalformedJsonException("body is null");
        }
        return value;
    }

    /** Checks that the body is one well-formed JSON object and returns it as text. */
    public static String requireJsonObject(byte[] body) throws MalformedJsonException {
        fromJson(body, JsonObject.class);
        return utf8(body);
    }

    private static String utf8(byte[] body) throws MalformedJsonException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedJsonException("body is not UTF-8");
        }
    }

    /** A response body that cannot be used; the message names the reason, never the content. */
    public static final class MalformedJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String reason) {
            super(reason);
        }
    }
}
