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
    /**
     * The value of the one cookie named {@code name} in {@code request}, or {@code null} when there is none or more
     * than one. Some containers (WildFly's Undertow) keep only the first cookie of each name in {@code getCookies()},
     * which would hide a planted twin (SE-04), so a cookie found there is also counted in the raw {@code Cookie}
     * headers: a plain scan, no allocation beyond the container's header enumeration.
     */
    public static String single(HttpServletRequest request, String name) {
        String found = single(request.getCookies(), name);
        if (found == null) {
            return null;
        }
        int seen = 0;
        for (Enumeration<String> headers = request.getHeaders("Cookie"); headers != null
                && headers.hasMoreElements(); ) {
            seen += occurrences(headers.nextElement(), name);
            if (seen > 1) {
                return null;
            }
        }
        return found;
    }

    /** How many cookies named {@code name} one {@code Cookie} header holds ({@code a=1; b=2}, RFC 6265 §4.2). */
    public static int occurrences(String header, String name) {
        int count = 0;
        int length = header.length();
        int at = 0;
        while (at < length) {
            // skip separators and white space before a cookie name
            char c = header.charAt(at);
            if (c == ';' || c == ',' || c == ' ' || c == '\t') {
                at++;
                continue;
            }
            int end = at;
            while (end < length && header.charAt(end) != '=' && header.charAt(end) != ';') {
                end++;
            }
            int nameEnd = end;
            while (nameEnd > at && header.charAt(nameEnd - 1) == ' ') {
                nameEnd--;
            }
            if (end < length && header.charAt(end) == '=' && nameEnd - at == name.length()
                    && header.regionMatches(at, name, 0, name.length())) {
                count++;
            }
            while (end < length && header.charAt(end) != ';') {
                end++;
            }
            at = end + 1;
        }
        return count;
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
