package io.descopefilter.emulator.internal.http;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed, lenient reads of a JSON request object: missing fields and explicit {@code null}s read as absent, unknown
 * fields are ignored, and a field of the wrong type is a 400 E011004 naming the field.
 */
public final class JsonBody {

    private static final JsonBody EMPTY = new JsonBody(JsonValue.EMPTY_JSON_OBJECT);

    private final JsonObject json;

    public JsonBody(JsonObject json) {
        this.json = json;
    }

    public static JsonBody empty() {
        return EMPTY;
    }

    /** Whether the object has no members at all. */
    public boolean isEmpty() {
        return json.isEmpty();
    }

    /** Whether the field is present and not null. */
    public boolean has(String name) {
        return !isAbsent(json.get(name));
    }

    /** A string field, or null when absent or null. */
    public String string(String name) {
        JsonValue value = json.get(name);
        if (isAbsent(value)) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw wrongType(name, "a string");
    }

    /** The first present string of several alternative names (e.g. {@code URI} and {@code redirectUrl}). */
    public String firstString(String... names) {
        for (String name : names) {
            String value = string(name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    /** A required, non-blank string; missing is 400 E011003 "The [name] field is required". */
    public String requiredString(String name) {
        String value = string(name);
        if (value == null || value.isBlank()) {
            throw new ApiException(ErrorCode.REQUEST_INVALID, "The " + name + " field is required");
        }
        return value;
    }

    public boolean bool(String name) {
        JsonValue value = json.get(name);
        if (isAbsent(value)) {
            return false;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw wrongType(name, "a boolean");
    }

    /** An integral number field, or {@code fallback} when absent or null. */
    public long integer(String name, long fallback) {
        JsonValue value = json.get(name);
        if (isAbsent(value)) {
            return fallback;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException e) {
                throw wrongType(name, "a 64-bit integer");
            }
        }
        throw wrongType(name, "an integer");
    }

    /** A nested object, empty when absent or null. */
    public JsonBody object(String name) {
        JsonValue value = json.get(name);
        if (isAbsent(value)) {
            return EMPTY;
        }
        if (value instanceof JsonObject nested) {
            return new JsonBody(nested);
        }
        throw wrongType(name, "an object");
    }

    /** An array of strings, empty when absent or null. */
    public List<String> strings(String name) {
        JsonValue value = json.get(name);
        if (isAbsent(value)) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw wrongType(name, "an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString text)) {
                throw wrongType(name, "an array of strings");
            }
            out.add(text.getString());
        }
        return List.copyOf(out);
    }

    /** An array of objects, empty when absent or null. */
    public List<JsonBody> objects(String name) {
        JsonValue value = json.get(name);
        if (isAbsent(value)) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw wrongType(name, "an array of objects");
        }
        List<JsonBody> out = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonObject object)) {
                throw wrongType(name, "an array of objects");
            }
            out.add(new JsonBody(object));
        }
        return List.copyOf(out);
    }

    /** Any present field as a plain Java value (String, Long/Double, Boolean, Map, List), or null. */
    public Object plain(String name) {
        JsonValue value = json.get(name);
        return value == null ? null : toJava(value);
    }

    /** An object as plain Java values (String, Long/Double, Boolean, Map, List); null members are dropped. */
    public Map<String, Object> map(String name) {
        JsonValue value = json.get(name);
        if (isAbsent(value)) {
            return Map.of();
        }
        if (!(value instanceof JsonObject object)) {
            throw wrongType(name, "an object");
        }
        return toMap(object);
    }

    private static Map<String, Object> toMap(JsonObject object) {
        Map<String, Object> out = new LinkedHashMap<>();
        object.forEach((key, member) -> {
            Object plain = toJava(member);
            if (plain != null) {
                out.put(key, plain);
            }
        });
        return out;
    }

    private static Object toJava(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).isIntegral() ? (Object) ((JsonNumber) value).longValue()
                    : (Object) ((JsonNumber) value).doubleValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case OBJECT -> toMap((JsonObject) value);
            case ARRAY -> ((JsonArray) value).stream().map(JsonBody::toJava).filter(v -> v != null).toList();
            case NULL -> null;
        };
    }

    private static boolean isAbsent(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }

    private static ApiException wrongType(String name, String expected) {
        return new ApiException(ErrorCode.INVALID_ARGUMENT, "The " + name + " field must be " + expected);
    }
}
