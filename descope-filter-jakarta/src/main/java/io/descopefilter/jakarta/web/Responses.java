package io.descopefilter.jakarta.web;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The few response shapes the filter writes itself, each with the headers it must carry. */
public final class Responses {

    private Responses() {
    }

    /** Nothing about this response may be stored by the browser or a proxy (LH-06). */
    public static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }

    /** 303 See Other to an absolute URL the filter built itself; a CR or LF in it is a programming error. */
    public static void seeOther(HttpServletResponse response, String absoluteUrl) {
        if (absoluteUrl.indexOf('\r') >= 0 || absoluteUrl.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("redirect target contains a line break");
        }
        noStore(response);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", absoluteUrl);
    }

    /** 405 with the methods that are allowed. */
    public static void methodNotAllowed(HttpServletResponse response, String allow) {
        noStore(response);
        response.setHeader("Allow", allow);
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    /** A small JSON body built by the caller from constants and escaped values. */
    public static void json(HttpServletResponse response, int status, String json) throws IOException {
        noStore(response);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A JSON string literal for text that is already visible ASCII (paths, statuses). */
    public static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e || c == '<' || c == '>' || c == '&') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
