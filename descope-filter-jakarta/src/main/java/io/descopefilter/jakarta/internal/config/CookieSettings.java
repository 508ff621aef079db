package io.descopefilter.jakarta.internal.config;

import jakarta.servlet.http.Cookie;

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
