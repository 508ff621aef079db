package io.descopefilter.jakarta.internal.config;

import jakarta.servlet.http.Cookie;

import java.util.Optional;

/** The attributes of every cookie the filter sets, so that setting and clearing a cookie always match. */
public record CookieSettings(boolean secure, SameSite sameSite, Optional<String> domain, String path) {

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
}
