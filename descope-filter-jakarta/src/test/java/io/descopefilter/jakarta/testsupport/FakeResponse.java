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

    /** A {@code Set-Cookie} header as the cookie a browser would store (name, value and attributes). */
    private static Cookie parseSetCookie(String header) {
        String[] parts = header.split(";");
        int equals = parts[0].indexOf('=');
        Cookie cookie = new Cookie(parts[0].substring(0, equals).strip(), parts[0].substring(equals + 1).strip());
        for (int i = 1; i < parts.length; i++) {
            String[] attribute = parts[i].strip().split("=", 2);
            String value = attribute.length > 1 ? attribute[1] : "";
            switch (attribute[0].toLowerCase(Locale.ROOT)) {
                case "path" -> cookie.setPath(value);
                case "domain" -> cookie.setDomain(value);
                case "max-age" -> cookie.setMaxAge(Integer.parseInt(value));
                case "secure" -> cookie.setSecure(true);
                case "httponly" -> cookie.setHttpOnly(true);
                default -> cookie.setAttribute(attribute[0], value);
            }
        }
        return cookie;
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
                        if (((String) args[0]).equalsIgnoreCase("Set-Cookie")) {
                            cookies.add(parseSetCookie((String) args[1]));
                        }
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
