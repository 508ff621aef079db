package io.descopefilter.emulator.internal.endpoints;

import io.descopefilter.emulator.OutboxLink;
import io.descopefilter.emulator.OutboxMessage;
import java.util.List;

/** Renders the outbox as a self-contained HTML page; every value is escaped, nothing is loaded from elsewhere. */
final class OutboxPage {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2328}
            h1{font-size:1.4rem}.empty{color:#59636e}
            article{border:1px solid #d1d9e0;border-radius:6px;padding:.75rem 1rem;margin:0 0 1rem}
            header{display:flex;gap:1rem;flex-wrap:wrap;font-size:.9rem;color:#59636e}
            h2{font-size:1.05rem;margin:.4rem 0}
            pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:.5rem}
            .channel{font-weight:600;text-transform:uppercase}ul{padding-left:1.2rem}
            .number{display:inline-block;min-width:2.2rem;font-weight:700}a{word-break:break-all}""";

    private OutboxPage() {
    }

    static String render(List<OutboxMessage> messages) {
        StringBuilder html = new StringBuilder(1024)
                .append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Descope emulator outbox</title><style>").append(STYLE).append("</style></head><body>")
                .append("<h1>Outbox (").append(messages.size()).append(messages.size() == 1 ? " message" : " messages")
                .append(", newest first)</h1>");
        if (messages.isEmpty()) {
            html.append("<p class=\"empty\">No messages yet.</p>");
        }
        messages.forEach(message -> appendMessage(html, message));
        return html.append("</body></html>").toString();
    }

    private static void appendMessage(StringBuilder html, OutboxMessage message) {
        html.append("<article><header><span class=\"channel\">").append(escape(message.channel()))
                .append("</span><span>to ").append(escape(message.to())).append("</span><time>")
                .append(escape(message.sentAt().toString())).append("</time></header><h2>")
                .append(escape(message.subject())).append("</h2><ul>");
        for (OutboxLink link : message.links()) {
            html.append("<li>");
            if (link.linkId() != null) {
                html.append("<span class=\"number\">").append(escape(link.linkId())).append("</span> ");
            }
            html.append("<a href=\"").append(escape(link.url())).append("\" rel=\"noreferrer\">")
                    .append(escape(link.url())).append("</a></li>");
        }
        html.append("</ul><pre>").append(escape(message.body())).append("</pre></article>");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
