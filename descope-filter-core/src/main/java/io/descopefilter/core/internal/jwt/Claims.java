package io.descopefilter.core.internal.jwt;

import io.descopefilter.core.TenantAccess;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strictly typed reads of a verified token's claims (nimbus parses JSON integers as {@link Long} and everything
 * else numeric as {@link Double}). A claim that is present with the wrong type, or {@code null}, is malformed:
 * never read as absent.
 */
public final class Claims {

    /** 9999-12-31T23:59:59Z: keeps {@code seconds * 1000} far from overflow. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private final Map<String, Object> json;

    public Claims(Map<String, Object> json) {
        this.json = json;
    }

    /** The string value, or {@code null} when absent. */
    public String string(String name) throws MalformedClaimException {
        if (!json.containsKey(name)) {
            return null;
        }
        if (json.get(name) instanceof String value) {
            return value;
        }
        throw new MalformedClaimException(name);
    }

    /** A JSON integer of seconds since the epoch, or {@code null} when absent. Floats, strings, booleans are malformed. */
    public Instant epochSecond(String name) throws MalformedClaimException {
        if (!json.containsKey(name)) {
            return null;
        }
        if (json.get(name) instanceof Long seconds && seconds >= 0 && seconds <= MAX_EPOCH_SECOND) {
            return Instant.ofEpochSecond(seconds);
        }
        throw new MalformedClaimException(name);
    }

    /** A JSON array of strings, in order; empty when absent. */
    public List<String> strings(String name) throws MalformedClaimException {
        return json.containsKey(name) ? stringArray(json.get(name), name) : List.of();
    }

    /** {@code aud}: one string or an array of strings (RFC 7519 §4.1.3); empty when absent. */
    public List<String> audience() throws MalformedClaimException {
        Object value = json.get("aud");
        return value instanceof String single ? List.of(single) : strings("aud");
    }

    /** {@code tenants}: tenant ID to an object with optional {@code roles} and {@code permissions} arrays. */
    public Map<String, TenantAccess> tenants() throws MalformedClaimException {
        if (!json.containsKey("tenants")) {
            return null;
        }
        if (!(json.get("tenants") instanceof Map<?, ?> tenants)) {
            throw new MalformedClaimException("tenants");
        }
        Map<String, TenantAccess> result = new HashMap<>();
        for (Map.Entry<?, ?> tenant : tenants.entrySet()) {
            if (!(tenant.getValue() instanceof Map<?, ?> access)) {
                throw new MalformedClaimException("tenants");
            }
            result.put((String) tenant.getKey(), new TenantAccess(
                    Set.copyOf(optionalStringArray(access, "roles")),
                    Set.copyOf(optionalStringArray(access, "permissions"))));
        }
        return result;
    }

    /** Every claim not in {@code known}, deeply unmodifiable. */
    public Map<String, Object> allExcept(Set<String> known) {
        Map<String, Object> rest = new LinkedHashMap<>();
        json.forEach((name, value) -> {
            if (!known.contains(name)) {
                rest.put(name, unmodifiable(value));
            }
        });
        return Collections.unmodifiableMap(rest);
    }

    private static List<String> optionalStringArray(Map<?, ?> object, String name) throws MalformedClaimException {
        return object.containsKey(name) ? stringArray(object.get(name), "tenants") : List.of();
    }

    private static List<String> stringArray(Object value, String name) throws MalformedClaimException {
        if (!(value instanceof List<?> list)) {
            throw new MalformedClaimException(name);
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String string)) {
                throw new MalformedClaimException(name);
            }
            strings.add(string);
        }
        return List.copyOf(strings);
    }

    private static Object unmodifiable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, unmodifiable(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(unmodifiable(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
