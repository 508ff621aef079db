package io.descopefilter.core.internal.http;

import io.descopefilter.core.DescopeUser;
import io.descopefilter.core.JwtResponse;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Descope's session answer ({@link JwtResponse}, with its {@link DescopeUser}) with JSON-P's streaming parser,
 * field by field. Every sign-in and refresh reads one; binding it with JSON-B took several times the parse itself
 * in a running server (reflection over records, a deserializer chain per property), which made it the largest part
 * of a landing's own work after the RS256 verification. Everything else Descope answers still goes through
 * JSON-B ({@link JsonCodec}).
 *
 * <p>It reads what JSON-B would: unknown fields are ignored, an absent or {@code null} string is {@code null}, an
 * absent or {@code null} number is 0 and flag {@code false}, absent lists and maps are empty; numbers in custom
 * attributes become {@link java.math.BigDecimal}, objects {@link Map}s and arrays {@link List}s. A value of the wrong
 * kind makes the whole answer malformed.
 */
final class SessionAnswerJson {

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private SessionAnswerJson() {
    }

    /** The session answer in {@code text}, a JSON object. */
    static JwtResponse jwtResponse(String text) throws JsonCodec.MalformedJsonException {
        return whole(text, SessionAnswerJson::jwtResponse);
    }

    /** The user in {@code text}, a JSON object (the answer of {@code me}). */
    static DescopeUser user(String text) throws JsonCodec.MalformedJsonException {
        return whole(text, parser -> {
            expect(parser, JsonParser.Event.START_OBJECT);
            return userFields(parser);
        });
    }

    /** Reads one value of {@code text} with {@code reader}; anything after it, or any parse failure, is malformed. */
    private static <T> T whole(String text, Reader<T> reader) throws JsonCodec.MalformedJsonException {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            T value = reader.read(parser);
            if (parser.hasNext()) {
                throw malformed();
            }
            return value;
        } catch (JsonException | IllegalStateException | ArithmeticException | java.util.NoSuchElementException e) {
            throw malformed();
        }
    }

    private interface Reader<T> {
        T read(JsonParser parser) throws JsonCodec.MalformedJsonException;
    }

    private static JwtResponse jwtResponse(JsonParser parser) throws JsonCodec.MalformedJsonException {
        expect(parser, JsonParser.Event.START_OBJECT);
        String sessionJwt = null;
        String refreshJwt = null;
        String cookieDomain = null;
        String cookiePath = null;
        int cookieMaxAge = 0;
        long cookieExpiration = 0;
        boolean firstSeen = false;
        DescopeUser user = null;
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
            String field = parser.getString();
            switch (field) {
                case "sessionJwt" -> sessionJwt = string(parser);
                case "refreshJwt" -> refreshJwt = string(parser);
                case "cookieDomain" -> cookieDomain = string(parser);
                case "cookiePath" -> cookiePath = string(parser);
                case "cookieMaxAge" -> cookieMaxAge = Math.toIntExact(number(parser));
                case "cookieExpiration" -> cookieExpiration = number(parser);
                case "firstSeen" -> firstSeen = flag(parser);
                case "user" -> user = userOrNull(parser);
                default -> skipValue(parser);
            }
        }
        return new JwtResponse(sessionJwt, refreshJwt, cookieDomain, cookiePath, cookieMaxAge, cookieExpiration,
                firstSeen, user);
    }

    private static DescopeUser userOrNull(JsonParser parser) throws JsonCodec.MalformedJsonException {
        return switch (parser.next()) {
            case VALUE_NULL -> null;
            case START_OBJECT -> userFields(parser);
            default -> throw malformed();
        };
    }

    /** The fields of a user object whose {@code START_OBJECT} was read, up to and including its end. */
    private static DescopeUser userFields(JsonParser parser) throws JsonCodec.MalformedJsonException {
        String userId = null;
        List<String> loginIds = null;
        String name = null;
        String givenName = null;
        String middleName = null;
        String familyName = null;
        String email = null;
        boolean verifiedEmail = false;
        String phone = null;
        boolean verifiedPhone = false;
        String picture = null;
        String status = null;
        boolean test = false;
        long createdTime = 0;
        List<String> roleNames = null;
        List<String> permissions = null;
        List<DescopeUser.Tenant> userTenants = null;
        Map<String, Object> customAttributes = null;
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
            switch (parser.getString()) {
                case "userId" -> userId = string(parser);
                case "loginIds" -> loginIds = strings(parser);
                case "name" -> name = string(parser);
                case "givenName" -> givenName = string(parser);
                case "middleName" -> middleName = string(parser);
                case "familyName" -> familyName = string(parser);
                case "email" -> email = string(parser);
                case "verifiedEmail" -> verifiedEmail = flag(parser);
                case "phone" -> phone = string(parser);
                case "verifiedPhone" -> verifiedPhone = flag(parser);
                case "picture" -> picture = string(parser);
                case "status" -> status = string(parser);
                case "test" -> test = flag(parser);
                case "createdTime" -> createdTime = number(parser);
                case "roleNames" -> roleNames = strings(parser);
                case "permissions" -> permissions = strings(parser);
                case "userTenants" -> userTenants = tenants(parser);
                case "customAttributes" -> customAttributes = attributes(parser);
                default -> skipValue(parser);
            }
        }
        return new DescopeUser(userId, loginIds, name, givenName, middleName, familyName, email, verifiedEmail,
                phone, verifiedPhone, picture, status, test, createdTime, roleNames, permissions, userTenants,
                customAttributes);
    }

    private static List<DescopeUser.Tenant> tenants(JsonParser parser) throws JsonCodec.MalformedJsonException {
        JsonParser.Event start = parser.next();
        if (start == JsonParser.Event.VALUE_NULL) {
            return null;
        }
        if (start != JsonParser.Event.START_ARRAY) {
            throw malformed();
        }
        List<DescopeUser.Tenant> tenants = new ArrayList<>();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
            if (event != JsonParser.Event.START_OBJECT) {
                throw malformed();
            }
            String tenantId = null;
            String tenantName = null;
            List<String> roleNames = null;
            List<String> permissions = null;
            for (JsonParser.Event field = parser.next(); field != JsonParser.Event.END_OBJECT; field = parser.next()) {
                switch (parser.getString()) {
                    case "tenantId" -> tenantId = string(parser);
                    case "tenantName" -> tenantName = string(parser);
                    case "roleNames" -> roleNames = strings(parser);
                    case "permissions" -> permissions = strings(parser);
                    default -> skipValue(parser);
                }
            }
            tenants.add(new DescopeUser.Tenant(tenantId, tenantName, roleNames, permissions));
        }
        return tenants;
    }

    private static Map<String, Object> attributes(JsonParser parser) throws JsonCodec.MalformedJsonException {
        JsonParser.Event start = parser.next();
        if (start == JsonParser.Event.VALUE_NULL) {
            return null;
        }
        if (start != JsonParser.Event.START_OBJECT) {
            throw malformed();
        }
        return map(parser.getObject());
    }

    private static Map<String, Object> map(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((key, value) -> map.put(key, plain(value)));
        return map;
    }

    private static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            case OBJECT -> map(value.asJsonObject());
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonValue item : (JsonArray) value) {
                    list.add(plain(item));
                }
                yield list;
            }
        };
    }

    private static String string(JsonParser parser) throws JsonCodec.MalformedJsonException {
        return switch (parser.next()) {
            case VALUE_STRING, VALUE_NUMBER -> parser.getString();
            case VALUE_NULL -> null;
            default -> throw malformed();
        };
    }

    private static List<String> strings(JsonParser parser) throws JsonCodec.MalformedJsonException {
        JsonParser.Event start = parser.next();
        if (start == JsonParser.Event.VALUE_NULL) {
            return null;
        }
        if (start != JsonParser.Event.START_ARRAY) {
            throw malformed();
        }
        List<String> values = new ArrayList<>();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
            if (event != JsonParser.Event.VALUE_STRING) {
                throw malformed();
            }
            values.add(parser.getString());
        }
        return values;
    }

    private static long number(JsonParser parser) throws JsonCodec.MalformedJsonException {
        return switch (parser.next()) {
            case VALUE_NUMBER -> parser.getBigDecimal().longValueExact();
            case VALUE_NULL -> 0;
            default -> throw malformed();
        };
    }

    private static boolean flag(JsonParser parser) throws JsonCodec.MalformedJsonException {
        return switch (parser.next()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            default -> throw malformed();
        };
    }

    private static void skipValue(JsonParser parser) {
        JsonParser.Event event = parser.next();
        if (event == JsonParser.Event.START_OBJECT) {
            parser.skipObject();
        } else if (event == JsonParser.Event.START_ARRAY) {
            parser.skipArray();
        }
    }

    private static void expect(JsonParser parser, JsonParser.Event expected) throws JsonCodec.MalformedJsonException {
        if (!parser.hasNext() || parser.next() != expected) {
            throw malformed();
        }
    }

    private static JsonCodec.MalformedJsonException malformed() {
        return new JsonCodec.MalformedJsonException("body is not valid JSON for the expected shape");
    }
}
