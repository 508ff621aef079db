package io.descopefilter.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** Small edits of JSON response bodies for {@link DescopeProxy}. */
public final class JsonEdit {

    private JsonEdit() {
    }

    public static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    public static String without(String json, String member) {
        JsonObjectBuilder builder = Json.createObjectBuilder(parse(json));
        builder.remove(member);
        return builder.build().toString();
    }

    public static String withString(String json, String member, String value) {
        JsonObjectBuilder builder = Json.createObjectBuilder(parse(json));
        builder.add(member, value);
        return builder.build().toString();
    }

    public static String string(String json, String member) {
        JsonValue value = parse(json).get(member);
        return value instanceof JsonString text ? text.getString() : null;
    }
}
