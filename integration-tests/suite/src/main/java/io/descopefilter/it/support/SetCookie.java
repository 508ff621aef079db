package io.descopefilter.it.support;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One {@code Set-Cookie} header: name, value and attributes (names case-insensitive; flags map to ""). */
public record SetCookie(String name, String value, Map<String, String> attributes, String raw) {

    static SetCookie parse(String header) {
        String[] parts = header.split(";");
        String pair = parts[0].trim();
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals).trim();
        String value = equals < 0 ? "" : unquote(pair.substring(equals + 1).trim());
        Map<String, String> attributes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            int eq = attribute.indexOf('=');
            if (eq < 0) {
                attributes.put(attribute, "");
            } else {
                attributes.put(attribute.substring(0, eq).trim(), attribute.substring(eq + 1).trim());
            }
        }
        return new SetCookie(name, value, attributes, header);
    }

    public Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    public boolean has(String flag) {
        return attributes.containsKey(flag);
    }

    /** {@code Max-Age=0} or an {@code Expires} in 1970: the server is deleting the cookie. */
    public boolean isDeletion() {
        return attribute("Max-Age").map(age -> age.equals("0")).orElse(false)
                || attribute("Expires").map(date -> date.toLowerCase(Locale.ROOT).contains("1970")).orElse(false);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
