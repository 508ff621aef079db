package io.descopefilter.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bare HTTP/1.1 server on 127.0.0.1 for wire faults the emulator cannot produce: a slow-drip body and a body with
 * no declared length that never fits the size cap; it also records requests so tests can check the exact wire
 * format. Each connection gets one answer with {@code Connection: close}, then is closed.
 */
final class RawHttpServer implements AutoCloseable {

    /** Writes the whole raw answer (status line, headers, body) for one request. */
    interface Answer {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    /** A request as received: method and path, headers (lower-case names) and body. */
    record RecordedRequest(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    private RawHttpServer(Answer answer) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> serve(answer), "raw-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static RawHttpServer start(Answer answer) throws IOException {
        return new RawHttpServer(answer);
    }

    /** 200 with this JSON body. */
    static Answer json(String body) {
        return status(200, "", body);
    }

    /** This status, extra header lines (each ending in CRLF) and a JSON body. */
    static Answer status(int status, String extraHeaders, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return out -> {
            out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length + "\r\nConnection: close\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        };
    }

    /** 200 with a JSON content type and a declared length, then one byte every {@code byteIntervalMillis}. */
    static Answer slowDrip(int declaredLength, long byteIntervalMillis) {
        return out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + declaredLength
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < declaredLength; i++) {
                Thread.sleep(byteIntervalMillis);
                out.write(i == 0 ? '{' : ' ');
                out.flush();
            }
        };
    }

    /** 200 with a body delimited only by connection close, {@code size} bytes long. */
    static Answer closeDelimitedBody(int size) {
        return out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int written = 0; written < size; written += chunk.length) {
                out.write(chunk);
            }
            out.flush();
        };
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    int requestCount() {
        return requests.size();
    }

    RecordedRequest lastRequest() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }

    private void serve(Answer answer) {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                requests.add(readRequest(connection.getInputStream()));
                answer.write(connection.getOutputStream());
            } catch (IOException e) {
                // The client gave up (deadline) or the server is closing: serve the next connection, if any.
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static RecordedRequest readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String[] lines = head.toString(StandardCharsets.UTF_8).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new RecordedRequest(requestLine[0], requestLine[1], Map.copyOf(headers), body);
    }
}
