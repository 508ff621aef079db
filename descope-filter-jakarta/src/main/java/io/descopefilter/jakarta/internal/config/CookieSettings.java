package io.descopefilter.jakarta.internal.config;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

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

    /** An {@code HttpOnly} cookie with these attributes; {@code maxAgeSeconds} -1 makes a browser-session cookie. */
    public Cookie cookie(String name, String value, int maxAgeSeconds, SameSite sameSiteOverride) {
        Cookie cookie = new Cookie(name, value);
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setPath(path);
        domain.ifPresent(cookie::setDomain);
        cookie.setMaxAge(maxAgeSeconds);
        cookie.setAttribute("SameSite", sameSiteOverride.attributeValue());
        return cookie;
    }

    /** An {@code HttpOnly} cookie with the configured {@code SameSite}. */
    public Cookie cookie(String name, String value, int maxAgeSeconds) {
        return cookie(name, value, maxAgeSeconds, sameSite);
    }

    /** A cookie that deletes {@code name}: same path, domain and flags, empty value, {@code Max-Age=0}. */
    public Cookie expired(String name) {
        return cookie(name, "", 0);
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
                int equals = at;
                while (equals < length && header.charAt(equals) != '=' && header.charAt(equals) != ';') {
                    equals++;
                }
                int end = equals;
                while (end < length && header.charAt(end) != ';') {
                    end++;
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
