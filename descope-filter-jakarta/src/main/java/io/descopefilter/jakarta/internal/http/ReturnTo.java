package io.descopefilter.jakarta.internal.http;


import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides whether a return-to value ({@code next}) is a safe place to send the browser after login: a path
 * relative to the application root, starting with exactly one {@code /}.
 *
 * <p>Browsers repair URLs before following them (the WHATWG URL standard): they drop tab, CR and LF anywhere,
 * trim leading control characters and spaces, and read {@code \} as {@code /}. So {@code /\evil.com},
 * {@code /\tevil.com} and {@code " //evil.com"} all mean {@code //evil.com}, another host. The value is
 * normalised the same way first and checked afterwards (mod_auth_openidc CVE-2019-20479, CVE-2022-23527). Percent
 * encodings are decoded (repeatedly, for double encodings) only to look for hidden {@code //}, control characters
 * and dot segments; the normalised, still-encoded value is what is returned.
 */
public final class ReturnTo {

    /** Longer values are refused: nobody needs a longer return path, and it bounds the work. */
    public static final int MAX_LENGTH = 2048;
    private static final int MAX_DECODING_ROUNDS = 3;

    private ReturnTo() {
    }

    /** The normalised path if it is a safe same-origin relative path; empty otherwise. */
    public static Optional<String> ifSafe(String candidate) {
        if (candidate == null || candidate.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String normalised = normalise(candidate);
        if (!isSafePath(normalised)) {
            return Optional.empty();
        }
        String decoded = normalised;
        for (int round = 0; round < MAX_DECODING_ROUNDS; round++) {
            String next = PercentDecoding.decodeUtf8(decoded);
            if (next == null) {
                return Optional.empty();
            }
            if (next.equals(decoded)) {
                break;
            }
            if (hasControlCharacter(next) || !isSafeDecodedPath(normalise(next))) {
                return Optional.empty();
            }
            decoded = next;
        }
        return Optional.of(normalised);
    }

    /** WHATWG-style repair: strip tab/CR/LF, trim leading C0 controls and spaces (and trailing), {@code \} to {@code /}. */
    static String normalise(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (out.length() == 0 && c <= ' ') {
                continue;
            }
            out.append(c == '\\' ? '/' : c);
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) <= ' ') {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }

    /** One leading slash, then only visible ASCII, and no {@code .} or {@code ..} path segments. */
    private static boolean isSafePath(String path) {
        if (path.length() < 1 || path.charAt(0) != '/' || (path.length() > 1 && path.charAt(1) == '/')) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return !hasDotSegment(path);
    }

    /** A decoded form may hold any non-control character, but still no {@code //} start and no dot segments. */
    private static boolean isSafeDecodedPath(String path) {
        return path.length() >= 1 && path.charAt(0) == '/' && (path.length() == 1 || path.charAt(1) != '/')
                && !hasDotSegment(path);
    }

    private static boolean hasDotSegment(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        int start = 1;
        while (start <= end) {
            int slash = path.indexOf('/', start);
            int segmentEnd = slash < 0 || slash > end ? end : slash;
            String segment = path.substring(start, segmentEnd);
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
            start = segmentEnd + 1;
        }
        return false;
    }

    private static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
    }

    /**
     * Like {@link #ifSafe(String)}, and also empty when the path (without query or fragment) is {@code excluded},
     * e.g. one of the filter's own endpoints.
     */
    public static Optional<String> ifSafe(String candidate, Predicate<String> excluded) {
        return ifSafe(candidate).filter(path -> !excluded.test(pathOnly(path)));
    }

    /** The path of a return target, without its query or fragment. */
    static String pathOnly(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                return target.substring(0, i);
            }
        }
        return target;
    }
}
