package io.descopefilter.jakarta.internal.send;

import io.descopefilter.jakarta.internal.http.ReturnTo;
import io.descopefilter.jakarta.internal.config.PublicBaseUrl;
import io.descopefilter.jakarta.internal.config.Routes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Builds the URLs links point at, only from the configured public base URL and landing paths (never from
 * {@code Host} or {@code X-Forwarded-*}, LH-09).
 */
public final class LinkUrls {

    private final PublicBaseUrl publicBaseUrl;
    private final Routes routes;

    public LinkUrls(PublicBaseUrl publicBaseUrl, Routes routes) {
        this.publicBaseUrl = publicBaseUrl;
        this.routes = routes;
    }

    /**
     * The redirect URI of a magic link: the landing path with no query of ours (Descope appends {@code ?t=}); the
     * return path travels in the browser-bound cookie instead.
     */
    public String magicLanding() {
        return publicBaseUrl.resolve(routes.landingPath());
    }

    /** The URL of an embedded link, which the filter builds whole: {@code <landing>?[next=<safe path>&]t=<token>}. */
    public String embeddedLink(String next, String token) {
        StringJoiner query = new StringJoiner("&");
        safeNext(next).ifPresent(path -> query.add("next=" + encode(path)));
        query.add("t=" + encode(token));
        return publicBaseUrl.resolve(routes.landingPath()) + "?" + query;
    }

    /** {@code next} when it is a safe return path that is not one of the filter's endpoints. */
    public Optional<String> safeNext(String next) {
        return ReturnTo.ifSafe(next, routes::isOwnEndpoint);
    }

    /** The redirect URI of an enchanted link: the return path stays with the initiating browser. */
    public String enchantedLanding(String maskedEmail) {
        return publicBaseUrl.resolve(routes.enchantedLandingPath()) + "?as=" + encode(maskedEmail);
    }

    /** {@code next} when it is a safe return path, else the configured page after login. */
    public String nextOrDefault(String next) {
        return safeNext(next).orElse(routes.afterLoginPath());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
