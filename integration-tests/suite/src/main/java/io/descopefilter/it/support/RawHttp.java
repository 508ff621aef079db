package io.descopefilter.it.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests a well-behaved client refuses to send: raw request targets
 * ({@code /app/x%0a}, {@code /;/app/x}, {@code //app/x}), a forged {@code Host}, duplicated cookies. Sends exactly
 * the bytes given and reads the response until the server closes the connection.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code method target HTTP/1.1} with {@code Host: 127.0.0.1:port}, the given headers and no body. */
    public static Page send(int port, String method, String target, String... headerLines) {
        return sendAs(port, method, target, Nodes.HOST + ":" + port, null, headerLines);
    }

    /** As {@link #send(int, String, String, String...)} with any Host header and an optional form body. */
    public static Page sendAs(int port, String method, String target, String host, String formBody,
                            String... headerLines) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Connection: close\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        byte[] body = formBody == null ? new byte[0] : formBody.getBytes(StandardCharsets.UTF_8);
        if (formBody != null) {
            request.append("Content-Type: application/x-www-form-urlencoded\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Nodes.HOST, port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(method, port, target, socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("raw " + method + " " + target + " failed", e);
        }
    }

    private static Page parse(String method, int port, String target, byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            throw new IOException("no complete response head in " + bytes.length + " bytes: " + text);
        }
        String[] lines = text.substring(0, headerEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), name -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rawBody = Arrays.copyOfRange(bytes, headerEnd + 4, bytes.length);
        boolean chunked = headers.entrySet().stream().anyMatch(header -> header.getKey().equalsIgnoreCase(
                "Transfer-Encoding") && header.getValue().toString().toLowerCase(Locale.ROOT).contains("chunked"));
        String body = new String(chunked ? dechunk(rawBody) : rawBody, StandardCharsets.UTF_8);
        URI uri = URI.create(Nodes.origin(port) + "/");
        return new Page(method, uri, status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(chunked);
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null || sizeLine.isBlank()) {
                return out.toByteArray();
            }
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return line.toString().strip();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }
}
