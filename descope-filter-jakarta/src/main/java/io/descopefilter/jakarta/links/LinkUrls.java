package io.descopefilter.jakarta.links;

import io.descopefilter.jakarta.config.PublicBaseUrl;
import io.descopefilter.jakarta.config.Routes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Builds the URLs links point at, only from the configured public base URL and landing paths (never from
 * {@code Host} or {@code X-Forwarded-*}, LH-09): {@code <publicBaseUrl><landingPath>?next=<safe path>&as=<masked>}.
 * Descope appends {@code &t=<token>}.
 */
final class LinkUrls {

    private final PublicBaseUrl publicBaseUrl;
    private final Routes routes;

    LinkUrls(PublicBaseUrl publicBaseUrl, Routes routes) {
        this.publicBaseUrl = publicBaseUrl;
        this.routes = routes;
    }

    /** The redirect URI of a magic or embedded link; an unsafe {@code next} is left out. */
    String magicLanding(String next, String maskedLoginId) {
        StringJoiner query = new StringJoiner("&");
        safeNext(next).ifPresent(path -> query.add("next=" + encode(path)));
        query.add("as=" + encode(maskedLoginId));
        return publicBaseUrl.resolve(routes.landingPath()) + "?" + query;
    }

    /** The redirect URI of an enchanted link: the return path stays with the initiating browser. */
    String enchantedLanding(String maskedEmail) {
        return publicBaseUrl.resolve(routes.enchantedLandingPath()) + "?as=" + encode(maskedEmail);
    }

    /** {@code next} when it is a safe return path, else the configured page after login. */
    String nextOrDefault(String next) {
        return safeNext(next).orElse(routes.afterLoginPath());
    }

    private Optional<String> safeNext(String next) {
        return ReturnTo.ifSafe(next).filter(path -> !routes.isOwnEndpoint(path.split("[?#]", 2)[0]));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
