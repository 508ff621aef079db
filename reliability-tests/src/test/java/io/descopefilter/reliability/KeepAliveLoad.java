package io.descopefilter.reliability;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A cheap closed-loop HTTP/1.1 client for floods: {@code connections} plain keep-alive sockets, one worker each,
 * writing pre-formatted requests and reading only the status line, the headers and the body's length. It costs a
 * fraction of {@code java.net.http} per request, so a flood of 100 000 distinct keys fits in the phase's time on a
 * small machine. A connection the server closes (or that fails) is reopened; a failed request counts as status -1.
 */
final class KeepAliveLoad {

    private KeepAliveLoad() {
    }

    /** One request as raw bytes: request line, headers and body for number {@code n}. */
    static byte[] post(URI base, String path, List<String> headers, String body) {
        StringBuilder s = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
        for (String header : headers) {
            s.append(header).append("\r\n");
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        s.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        byte[] head = s.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    /**
     * Runs the flood; however it ends (done, a worker failed, or the calling test was interrupted by its timeout)
     * the workers are stopped and their sockets closed before it returns or throws.
     */
    static Load.Result run(String name, URI base, int connections, Duration duration, long maxRequests,
                           LongFunction<byte[]> request) throws Exception {
        Load.Result result = new Load.Result(name);
        AtomicLong sequence = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService workers = Load.workers(name, connections);
        AtomicBoolean stop = new AtomicBoolean();
        // Plain socket reads do not answer interrupts: stopping closes the open connections instead.
        Set<Connection> open = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                running.add(workers.submit(() -> {
                    Connection connection = null;
                    long n;
                    try {
                        while (!stop.get() && System.nanoTime() < end
                                && (n = sequence.getAndIncrement()) < maxRequests) {
                            byte[] bytes = request.apply(n);
                            long start = System.nanoTime();
                            int status;
                            boolean retryAfter = false;
                            try {
                                if (connection == null) {
                                    connection = new Connection(base);
                                    open.add(connection);
                                }
                                Connection.Answer answer = connection.exchange(bytes);
                                status = answer.status;
                                retryAfter = answer.retryAfter;
                                if (answer.close) {
                                    close(connection, open);
                                    connection = null;
                                }
                            } catch (IOException e) {
                                if (stop.get()) {
                                    return null; // stopped: the request in flight is not an outcome
                                }
                                status = -1;
                                if (connection != null) {
                                    close(connection, open);
                                    connection = null;
                                }
                            }
                            result.record(status, System.nanoTime() - start, retryAfter);
                        }
                    } finally {
                        if (connection != null) {
                            close(connection, open);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS);
            }
            return result;
        } finally {
            stop.set(true);
            for (Connection connection : open) {
                connection.close();
            }
            Load.stop(workers);
        }
    }

    private static void close(Connection connection, Set<Connection> open) {
        open.remove(connection);
        connection.close();
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        /** Unsynchronised read buffer: {@code buffer[pos..limit)} not yet consumed. */
        private final byte[] buffer = new byte[8192];
        private int pos;
        private int limit;
        private final OutputStream out;

        Connection(URI base) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            in = socket.getInputStream();
            out = new BufferedOutputStream(socket.getOutputStream(), 2048);
        }

        record Answer(int status, boolean retryAfter, boolean close) {
        }

        Answer exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            boolean retryAfter = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String h = header.toLowerCase(Locale.ROOT);
                if (h.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring(15).trim());
                } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                    chunked = true;
                } else if (h.startsWith("connection:") && h.contains("close")) {
                    close = true;
                } else if (h.startsWith("retry-after:")) {
                    retryAfter = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                    // trailers are ignored
                }
            } else if (length > 0) {
                skip(length);
            } else if (length < 0) {
                close = true; // body ends with the connection: not reusable
            }
            return new Answer(status, retryAfter, close);
        }

        private int read() throws IOException {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    throw new IOException("connection closed");
                }
            }
            return buffer[pos++] & 0xff;
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder(64);
            for (int b = read(); b != '\n'; b = read()) {
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            return s.toString();
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                read();
                n--;
                int available = (int) Math.min(n, limit - pos);
                pos += available;
                n -= available;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
