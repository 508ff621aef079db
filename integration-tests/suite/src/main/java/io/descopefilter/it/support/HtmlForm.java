package io.descopefilter.it.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A form read from one of the small HTML pages the filter and the test app render: its action (absolute),
 * method and named input values. A regex reader is enough for these pages; it is not a general HTML parser.
 */
public record HtmlForm(String action, String method, Map<String, String> fields) {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<(?:input|button)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

    public HtmlForm {
        fields = Map.copyOf(fields);
    }

    static HtmlForm firstIn(Page page) {
        Matcher form = FORM.matcher(page.body());
        if (!form.find()) {
            throw new AssertionError("no form on " + page);
        }
        Map<String, String> formAttributes = attributes(form.group(1));
        String action = formAttributes.getOrDefault("action", "");
        String method = formAttributes.getOrDefault("method", "GET").toUpperCase(Locale.ROOT);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form.group(2));
        while (input.find()) {
            Map<String, String> inputAttributes = attributes(input.group(1));
            String name = inputAttributes.get("name");
            if (name != null) {
                fields.put(name, inputAttributes.getOrDefault("value", ""));
            }
        }
        return new HtmlForm(page.uri().resolve(action).toString(), method, fields);
    }

    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** A copy with one field changed (an attacker or a curious user editing the form). */
    public HtmlForm withField(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put(name, value);
        return new HtmlForm(action, method, changed);
    }

    public HtmlForm withoutField(String name) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.remove(name);
        return new HtmlForm(action, method, changed);
    }

    private static Map<String, String> attributes(String tagBody) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher matcher = ATTRIBUTE.matcher(tagBody);
        while (matcher.find()) {
            String value = matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
            attributes.put(matcher.group(1).toLowerCase(Locale.ROOT), HtmlText.unescape(value));
        }
        return attributes;
    }
}
