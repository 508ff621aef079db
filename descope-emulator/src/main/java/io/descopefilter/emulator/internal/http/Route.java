package io.descopefilter.emulator.internal.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A method plus a path pattern whose {@code {name}} segments capture one path segment each. */
public record Route(String method, String pattern, Access access, Endpoint endpoint) {

    /** The captured parameters when the path matches the pattern. */
    public Optional<Map<String, String>> match(String path) {
        String[] expected = pattern.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < expected.length; i++) {
            String segment = expected[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(segment.substring(1, segment.length() - 1), actual[i]);
            } else if (!segment.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
