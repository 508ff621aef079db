package io.descopefilter.it.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decodes the character references an HTML encoder produces ({@code &amp;}, {@code &#34;}, {@code &#x2f;}...). */
final class HtmlText {

    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);");

    private HtmlText() {
    }

    static String unescape(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String reference = matcher.group(1);
            String decoded = switch (reference) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> new String(Character.toChars(reference.startsWith("#x") || reference.startsWith("#X")
                        ? Integer.parseInt(reference.substring(2), 16) : Integer.parseInt(reference.substring(1))));
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
