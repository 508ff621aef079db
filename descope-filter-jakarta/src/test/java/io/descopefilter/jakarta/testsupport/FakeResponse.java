package io.descopefilter.jakarta.testsupport;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Records what the code under test writes: status, headers, cookies and body. */
public final class FakeResponse {

    private int status = 200;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<Cookie> cookies = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private String contentType;

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String contentType() {
        return contentType;
    }

    public List<Cookie> cookies() {
        return cookies;
    }

    /** The last cookie set with this name. */
    public Optional<Cookie> cookie(String name) {
        Cookie found = null;
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                found = cookie;
            }
        }
        return Optional.ofNullable(found);
    }

    public String body() {
        return body.toString(StandardCharsets.UTF_8);
    }

    public HttpServletResponse proxy() {
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status = (Integer) args[0];
                        yield null;
                    }
                    case "getStatus" -> status;
                    case "setHeader", "addHeader" -> {
                        headers.put(((String) args[0]).toLowerCase(Locale.ROOT), (String) args[1]);
                        yield null;
                    }
                    case "getHeader" -> header((String) args[0]);
                    case "setContentType" -> {
                        contentType = (String) args[0];
                        yield null;
                    }
                    case "setContentLength" -> null;
                    case "addCookie" -> {
                        cookies.add((Cookie) args[0]);
                        yield null;
                    }
                    case "isCommitted" -> false;
                    case "resetBuffer" -> {
                        body.reset();
                        yield null;
                    }
                    case "getOutputStream" -> new ServletOutputStream() {
                        @Override
                        public boolean isReady() {
                            return true;
                        }

                        @Override
                        public void setWriteListener(WriteListener listener) {
                            // Writes go to memory and never block, so the stream is writable at once.
                            try {
                                listener.onWritePossible();
                            } catch (IOException e) {
                                listener.onError(e);
                            }
                        }

                        @Override
                        public void write(int b) {
                            body.write(b);
                        }
                    };
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> "FakeResponse";
                    default -> throw new UnsupportedOperationException("FakeResponse." + m.getName());
                });
    }
}
