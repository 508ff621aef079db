package io.descopefilter.jakarta.internal.pages;

import org.owasp.encoder.Encode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The filter's own small HTML pages, as text ({@link OutcomeWriter} sends them). Every value is escaped with the OWASP Encoder; the pages load nothing from
 * anywhere (inline CSS and script, allowed by hash in a strict {@code Content-Security-Policy}), send no
 * {@code Referer} onwards and are never cached (LH-05, LH-06).
 */
public final class Pages {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;"
            + "padding:0 1rem;color:#222;line-height:1.5}h1{font-size:1.4rem}"
            + "button{font-size:1rem;padding:.6rem 1.2rem;cursor:pointer}a{color:#0645ad}";
    private static final String AUTO_SUBMIT = "document.getElementById('continue').submit();";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
            + "'; script-src '" + sha256(AUTO_SUBMIT) + "'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    private Pages() {
    }

    /** The hidden fields of a landing form. */
    public record HiddenField(String name, String value) {
    }

    /**
     * The landing page: a form that POSTs the hidden fields to {@code action} with one button. With
     * {@code submitAutomatically} a script presses it (landing mode {@code auto}).
     */
    public static String landing(String heading, String explanation, String buttonLabel, String action,
                                 Iterable<HiddenField> fields, boolean submitAutomatically) {
        StringBuilder form = new StringBuilder();
        form.append("<form id=\"continue\" method=\"post\" action=\"").append(Encode.forHtmlAttribute(action))
                .append("\">");
        for (HiddenField field : fields) {
            form.append("<input type=\"hidden\" name=\"").append(Encode.forHtmlAttribute(field.name()))
                    .append("\" value=\"").append(Encode.forHtmlAttribute(field.value())).append("\">");
        }
        form.append("<button type=\"submit\">").append(Encode.forHtml(buttonLabel)).append("</button></form>");
        String script = submitAutomatically ? "<script>" + AUTO_SUBMIT + "</script>" : "";
        return document(heading, "<p>" + Encode.forHtml(explanation) + "</p>" + form + script);
    }

    /** The answer to a request refused by the ambiguous-path guard: 400, echoing nothing of the request. */
    public static Outcome ambiguousRequest() {
        return new Outcome.Page(400, message("Bad request", "The address of this request is not in canonical form.",
                null, null));
    }

    /** A page with a heading, a paragraph and, when {@code linkUrl} is not {@code null}, one link. */
    public static String message(String heading, String explanation, String linkUrl, String linkLabel) {
        String link = linkUrl == null ? ""
                : "<p><a href=\"" + Encode.forHtmlAttribute(linkUrl) + "\">" + Encode.forHtml(linkLabel) + "</a></p>";
        return document(heading, "<p>" + Encode.forHtml(explanation) + "</p>" + link);
    }

    private static String document(String heading, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<title>" + Encode.forHtml(heading) + "</title><style>" + STYLE + "</style></head><body><h1>"
                + Encode.forHtml(heading) + "</h1>" + body + "</body></html>";
    }

    private static String sha256(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
