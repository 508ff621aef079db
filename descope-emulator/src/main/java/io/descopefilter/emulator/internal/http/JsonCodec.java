package io.descopefilter.emulator.internal.http;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** JSON in (JSON-P, lenient about what is absent) and out (JSON-B from records, nulls left out). */
public final class JsonCodec {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonCodec() {
    }

    public static String write(Object value) {
        return JSONB.toJson(value);
    }

    /** Parses a request body: empty means {@code {}}; anything but one JSON object is a 400 E011001. */
    public static JsonBody readBody(byte[] body) {
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return JsonBody.empty();
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object) {
                return new JsonBody(object);
            }
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return JsonBody.empty();
            }
        } catch (JsonParsingException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The request body is not valid JSON");
        } catch (JsonException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The request body could not be read as JSON");
        }
        throw new ApiException(ErrorCode.BAD_REQUEST, "The request body must be a JSON object");
    }
}
