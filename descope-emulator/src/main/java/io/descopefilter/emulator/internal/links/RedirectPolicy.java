package io.descopefilter.emulator.internal.links;

import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Decides where links point: the request's URI (or the default redirect URL), which must be absolute http(s) and,
 * when approved domains are configured, on one of them or a subdomain of one.
 */
public final class RedirectPolicy {

    private final List<String> approvedDomains;
    private final String defaultRedirectUrl;

    public RedirectPolicy(List<String> approvedDomains, String defaultRedirectUrl) {
        this.approvedDomains = approvedDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        this.defaultRedirectUrl = defaultRedirectUrl;
    }

    /** The redirect URI to use, validated; fails with 400 E011003 when there is none, E011004 when not allowed. */
    public String resolve(String requested) {
        String candidate = requested == null || requested.isBlank() ? defaultRedirectUrl : requested;
        if (candidate == null || candidate.isBlank()) {
            throw new ApiException(ErrorCode.REQUEST_INVALID, "The URI field is required (no default redirect URL)");
        }
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            throw notAllowed("The URI is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw notAllowed("The URI must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw notAllowed("The URI must name a host and carry no user info");
        }
        if (!isApproved(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw notAllowed("The URI's domain is not an approved domain of this project");
        }
        return candidate;
    }

    /** The link delivered to the user: {@code <URI>?t=<token>}, or {@code &t=} when the URI has a query. */
    public static String linkWithToken(String redirectUri, String token) {
        int fragment = redirectUri.indexOf('#');
        String base = fragment < 0 ? redirectUri : redirectUri.substring(0, fragment);
        String suffix = fragment < 0 ? "" : redirectUri.substring(fragment);
        String separator = base.contains("?") ? "&" : "?";
        return base + separator + "t=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + suffix;
    }

    private boolean isApproved(String host) {
        if (approvedDomains.isEmpty()) {
            return true;
        }
        for (String domain : approvedDomains) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private static ApiException notAllowed(String message) {
        return new ApiException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
