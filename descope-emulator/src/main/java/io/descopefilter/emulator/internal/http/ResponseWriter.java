package io.descopefilter.emulator.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Writes responses, whole or deliberately cut short. */
final class ResponseWriter {

    private ResponseWriter() {
    }

    static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        sendHeaders(exchange, response);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    /**
     * Announces the full Content-Length and sends half of the body. The caller then closes the exchange: with bytes
     * missing, the JDK server closes the connection instead of completing the response.
     */
    static void writeTruncated(HttpExchange exchange, ApiResponse response) throws IOException {
        sendHeaders(exchange, response);
        OutputStream out = exchange.getResponseBody();
        out.write(response.body(), 0, response.body().length / 2);
        out.flush();
    }

    private static void sendHeaders(HttpExchange exchange, ApiResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
    }
}
