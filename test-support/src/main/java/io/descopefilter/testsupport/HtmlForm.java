package io.descopefilter.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A form of a page as the browser would submit it: its action and its hidden fields. */
public record HtmlForm(String id, String action, Map<String, String> hiddenFields) {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z][\\w-]*)=\"([^\"]*)\"");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);");

    /** The first form of {@code html} that {@code which} accepts. */
    public static Optional<HtmlForm> find(String html, Predicate<HtmlForm> which) {
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> attributes = attributes(form.group(1));
            Map<String, String> hidden = new LinkedHashMap<>();
            Matcher input = INPUT.matcher(form.group(2));
            while (input.find()) {
                Map<String, String> inputAttributes = attributes(input.group(1));
                if ("hidden".equalsIgnoreCase(inputAttributes.get("type")) && inputAttributes.containsKey("name")) {
                    hidden.put(inputAttributes.get("name"), inputAttributes.getOrDefault("value", ""));
                }
            }
            HtmlForm candidate = new HtmlForm(attributes.getOrDefault("id", ""),
                    attributes.getOrDefault("action", ""), hidden);
            if (which.test(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** This form's fields plus {@code more}. */
    public Map<String, String> fieldsWith(Map<String, String> more) {
        Map<String, String> fields = new LinkedHashMap<>(hiddenFields);
        fields.putAll(more);
        return fields;
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(text);
        while (attribute.find()) {
            attributes.put(attribute.group(1).toLowerCase(java.util.Locale.ROOT), decode(attribute.group(2)));
        }
        return attributes;
    }

    private static String decode(String text) {
        Matcher entity = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String replacement = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> Character.toString(name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1)));
            };
            entity.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        entity.appendTail(out);
        return out.toString();
    }
}
