package io.descopefilter.jakarta.internal.config;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import java.util.Enumeration;

import java.util.Optional;

/**
 * The attributes and names of every cookie the filter sets, so that setting and clearing a cookie always match.
 *
 * <p>Names carry the strongest prefix the attributes allow: {@code __Host-} for a {@code Secure}, host-only cookie
 * with {@code Path=/}, else {@code __Secure-} for a {@code Secure} one. A browser accepts such a cookie only from a
 * secure origin of this host, so neither a sibling subdomain nor a plain-http response can plant or overwrite it
 * (cookie tossing, SE-04); and the filter reads only the prefixed names. {@code plainSessionNames} keeps the session
 * cookies at Descope's own names {@code DS} and {@code DSR} for pages that use Descope's front-end SDK.
 */
public record CookieSettings(boolean secure, SameSite sameSite, Optional<String> domain, String path,
                             boolean plainSessionNames) {

    public CookieSettings(boolean secure, SameSite sameSite, Optional<String> domain, String path) {
        this(secure, sameSite, domain, path, false);
    }

    /** {@code __Host-}, {@code __Secure-} or nothing, as the attributes allow. */
    public String prefix() {
        if (!secure) {
            return "";
        }
        return domain.isEmpty() && path.equals("/") ? "__Host-" : "__Secure-";
    }

    /** The session JWT cookie. */
    public String sessionName() {
        return plainSessionNames ? "DS" : prefix() + "DS";
    }

    /** The refresh JWT cookie. */
    public String refreshName() {
        return plainSessionNames ? "DSR" : prefix() + "DSR";
    }

    /** {@code base} with the prefix the attributes allow, e.g. {@code __Host-DSCSRF}. */
    public String name(String base) {
        return prefix() + base;
    }

    /**
     * Sets an {@code HttpOnly} cookie with these attributes; {@code maxAgeSeconds} -1 makes a browser-session cookie.
     *
     * <p>The {@code Set-Cookie} header is written here rather than by the container's {@code addCookie}: every
     * container then sends the same attributes ({@code SameSite} included), and a landing does not pay for the
     * container's formatting of two 1 KB JWT cookies, which was a measurable share of its own work. Names and values
     * are checked against RFC 6265's grammar, so nothing can add an attribute.
     *
     * @throws IllegalArgumentException when the name is not a token or the value has a character a cookie may not
     */
    public void set(HttpServletResponse response, String name, String value, int maxAgeSeconds,
                    SameSite sameSiteOverride) {
        response.addHeader("Set-Cookie", header(name, value, maxAgeSeconds, sameSiteOverride, Instant.now()));
    }

    /** Sets an {@code HttpOnly} cookie with the configured {@code SameSite} (see {@link #set(HttpServletResponse, String, String, int, SameSite)}). */
    public void set(HttpServletResponse response, String name, String value, int maxAgeSeconds) {
        set(response, name, value, maxAgeSeconds, sameSite);
    }

    /** Deletes {@code name}: same path, domain and flags, empty value, {@code Max-Age=0}. */
    public void expire(HttpServletResponse response, String name) {
        set(response, name, "", 0);
    }

    /** The {@code Set-Cookie} value: {@code name=value; Path; Domain; Max-Age; Expires; Secure; HttpOnly; SameSite}. */
    String header(String name, String value, int maxAgeSeconds, SameSite sameSiteOverride, Instant now) {
        requireToken(name);
        requireCookieValue(name, value);
        StringBuilder header = new StringBuilder(name.length() + value.length() + 128)
                .append(name).append('=').append(value).append("; Path=").append(path);
        domain.ifPresent(d -> header.append("; Domain=").append(d));
        if (maxAgeSeconds >= 0) {
            // Expires as well, for the few clients that still ignore Max-Age (as the containers write it)
            Instant expires = maxAgeSeconds == 0 ? Instant.EPOCH : now.plusSeconds(maxAgeSeconds);
            header.append("; Max-Age=").append(maxAgeSeconds).append("; Expires=")
                    .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(expires.atOffset(ZoneOffset.UTC)));
        }
        if (secure) {
            header.append("; Secure");
        }
        return header.append("; HttpOnly; SameSite=").append(sameSiteOverride.attributeValue()).toString();
    }

    private static void requireToken(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a cookie name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("the cookie name " + name + " is not an RFC 6265 token");
            }
        }
    }

    /** RFC 6265 cookie-octets: visible ASCII but the quote, comma, semicolon and backslash; never echoed (it may be a token). */
    private static void requireCookieValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
                throw new IllegalArgumentException("the value for cookie " + name
                        + " has a character a cookie may not carry");
            }
        }
    }

    /** The one value of the cookie {@code name}; {@code null} when absent, empty or sent twice (cookie tossing). */
    /** A cookie looked up by name: its value when there was exactly one, and whether there were several. */
    public record Lookup(String value, boolean ambiguous) {
        static final Lookup ABSENT = new Lookup(null, false);
        static final Lookup AMBIGUOUS = new Lookup(null, true);

        /** The value of the one cookie of that name, {@code null} when there was none, several, or it was empty. */
        public String single() {
            return value == null || value.isEmpty() ? null : value;
        }
    }

    /**
     * The value of the one cookie named {@code name} in {@code request}, or {@code null} when there is none or more
     * than one (SE-04: a planted twin must never be resolved by picking one).
     */
    public static String single(HttpServletRequest request, String name) {
        return lookup(request, name).single();
    }

    /**
     * Looks {@code name} up in the raw {@code Cookie} headers (RFC 6265 §4.2: {@code a=1; b=2}), which every
     * container passes on as received. Reading them is one scan with no parsing of the other cookies, and it sees
     * twins that {@code getCookies()} may hide (WildFly's Undertow keeps only the first cookie of a name). Only when
     * the request shows no {@code Cookie} header at all (a wrapper that supplies cookies in code) does it fall back
     * to {@code getCookies()}.
     */
    public static Lookup lookup(HttpServletRequest request, String name) {
        Enumeration<String> headers = request.getHeaders("Cookie");
        if (headers == null || !headers.hasMoreElements()) {
            return lookup(request.getCookies(), name);
        }
        String found = null;
        while (headers.hasMoreElements()) {
            String header = headers.nextElement();
            if (header == null) {
                continue;
            }
            int length = header.length();
            int at = 0;
            while (at < length) {
                char c = header.charAt(at);
                if (c == ';' || c == ',' || c == ' ' || c == '\t') {
                    at++;
                    continue;
                }
                // String.indexOf is an intrinsic (a vectorised search): the values it skips are two ~1 KB JWTs, and
                // a loop of charAt over them was most of this filter's own CPU on a request with a valid session.
                int end = header.indexOf(';', at);
                if (end < 0) {
                    end = length;
                }
                int equals = header.indexOf('=', at);
                if (equals < 0 || equals > end) {
                    equals = end;
                }
                int nameEnd = equals;
                while (nameEnd > at && header.charAt(nameEnd - 1) == ' ') {
                    nameEnd--;
                }
                if (equals < length && header.charAt(equals) == '=' && nameEnd - at == name.length()
                        && header.regionMatches(at, name, 0, name.length())) {
                    if (found != null) {
                        return Lookup.AMBIGUOUS;
                    }
                    found = valueOf(header, equals + 1, end);
                }
                at = end + 1;
            }
        }
        return found == null ? Lookup.ABSENT : new Lookup(found, false);
    }

    /** The cookie value between {@code from} and {@code to}, without surrounding white space or double quotes. */
    private static String valueOf(String header, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && header.charAt(start) == ' ') {
            start++;
        }
        while (end > start && (header.charAt(end - 1) == ' ' || header.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end - start >= 2 && header.charAt(start) == '"' && header.charAt(end - 1) == '"') {
            start++;
            end--;
        }
        return header.substring(start, end);
    }

    private static Lookup lookup(Cookie[] cookies, String name) {
        if (cookies == null) {
            return Lookup.ABSENT;
        }
        String found = null;
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                if (found != null) {
                    return Lookup.AMBIGUOUS;
                }
                found = cookie.getValue() == null ? "" : cookie.getValue();
            }
        }
        return found == null ? Lookup.ABSENT : new Lookup(found, false);
    }

    public static String single(Cookie[] cookies, String name) {
        if (cookies == null) {
            return null;
        }
        String found = null;
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                if (found != null) {
                    return null;
                }
                found = cookie.getValue();
            }
        }
        return found == null || found.isEmpty() ? null : found;
    }
}
