package io.descopefilter.jakarta.internal.http;


/**
 * Refuses request URIs that different parsers could read as different paths, before anything else looks at
 * them (Spring's {@code StrictHttpFirewall}, Servlet 6 §3.5.2). Path matching later uses the container's
 * canonical {@code getServletPath() + getPathInfo()}; this guard makes sure the raw URI had only one reading.
 *
 * <p>Refused: {@code ;} anywhere (path parameters, {@code ;jsessionid=}), {@code \}, {@code //}, {@code .} and
 * {@code ..} segments, encoded {@code / \ ; . %} ({@code %2f %5c %3b %2e %25}, so double encodings too), control
 * characters raw or encoded ({@code %00 %0a %0d ...}), U+2028/U+2029, raw non-ASCII and malformed escapes or UTF-8.
 */
public final class AmbiguousPathGuard {

    private AmbiguousPathGuard() {
    }

    /** Whether the raw (undecoded) request URI, as from {@code getRequestURI()}, must be refused with 400. */
    public static boolean isAmbiguous(String rawUri) {
        if (rawUri == null || rawUri.isEmpty() || rawUri.charAt(0) != '/') {
            return true;
        }
        if (hasForbiddenRawCharacter(rawUri) || hasEmptyOrDotSegment(rawUri)) {
            return true;
        }
        if (rawUri.indexOf('%') < 0) {
            return false;
        }
        if (hasForbiddenEscape(rawUri)) {
            return true;
        }
        String decoded = PercentDecoding.decodeUtf8(rawUri);
        return decoded == null || decoded.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
    }

    private static boolean hasForbiddenRawCharacter(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ';' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** {@code //} anywhere, and {@code .} or {@code ..} as a whole segment. A trailing {@code /} is fine. */
    private static boolean hasEmptyOrDotSegment(String uri) {
        int start = 1;
        while (start < uri.length()) {
            int slash = uri.indexOf('/', start);
            int end = slash < 0 ? uri.length() : slash;
            int length = end - start;
            if (length == 0 && slash >= 0) {
                return true;
            }
            if ((length == 1 && uri.charAt(start) == '.')
                    || (length == 2 && uri.charAt(start) == '.' && uri.charAt(start + 1) == '.')) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** Escapes of the characters that carry path structure, and of {@code %} itself (double encoding). */
    private static boolean hasForbiddenEscape(String uri) {
        for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
            if (i + 2 >= uri.length()) {
                return true;
            }
            int high = Character.digit(uri.charAt(i + 1), 16);
            int low = Character.digit(uri.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return true;
            }
            int decoded = high * 16 + low;
            if (decoded == '/' || decoded == '\\' || decoded == ';' || decoded == '.' || decoded == '%'
                    || decoded < 0x20 || decoded == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
