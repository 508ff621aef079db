package io.descopefilter.core.session;

/**
 * The cheap gate before any parsing: a compact JWS is exactly three non-empty base64url segments without padding,
 * whitespace or {@code +/}, each in canonical form (the unused low bits of its last character are zero).
 *
 * <p>This refuses JWE (five segments), junk and oversized input without touching a parser, and makes the
 * encoding of a token unique, so the same signed content cannot be presented under a second spelling (the
 * signature segment is otherwise malleable: non-zero spare bits decode to the same bytes).
 */
final class CompactJws {

    private CompactJws() {
    }

    static boolean isWellFormed(String token) {
        int segmentStart = 0;
        int dots = 0;
        int length = token.length();
        for (int i = 0; i < length; i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (++dots > 2 || !isCanonicalSegment(token, segmentStart, i)) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (sextet(c) < 0) {
                return false;
            }
        }
        return dots == 2 && isCanonicalSegment(token, segmentStart, length);
    }

    /** Unpadded base64url of n bytes has length 4k, 4k+2 or 4k+3; the spare bits of the last character are zero. */
    private static boolean isCanonicalSegment(String token, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return false;
        }
        int last = sextet(token.charAt(end - 1));
        return switch (length % 4) {
            case 0 -> true;
            case 2 -> (last & 0x0F) == 0;
            case 3 -> (last & 0x03) == 0;
            default -> false;
        };
    }

    /** The 6-bit value of a base64url character, or -1. */
    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        return c == '_' ? 63 : -1;
    }
}
