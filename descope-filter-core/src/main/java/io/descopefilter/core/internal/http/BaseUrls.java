package io.descopefilter.core.internal.http;

import io.descopefilter.core.InvalidConfigException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one check of a Descope base URL, shared by {@code DescopeClientConfig} and {@code SessionValidatorConfig}, and
 * the base URL a project ID implies (contract §1).
 *
 * <p>The client sends the management key and users' refresh JWTs to this URL, so it must be https; plain http is
 * accepted only for a loopback host ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), where the traffic never
 * leaves the machine (a local emulator). Host names other than {@code localhost} are never resolved for this check.
 */
public final class BaseUrls {

    /** Descope's API when the project ID names no region. */
    public static final URI DEFAULT = URI.create("https://api.descope.com");

    private static final int REGIONAL_PROJECT_ID_LENGTH = 32;
    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private BaseUrls() {
    }

    /**
     * An absolute https URL with a host and no user info, query or fragment (http only for a loopback host),
     * without a trailing slash.
     *
     * @param field the configuration field reported when the URL is refused
     * @throws InvalidConfigException naming {@code field} when the URL is refused
     */
    public static URI check(URI url, String field) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null
                || url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new InvalidConfigException(field, field
                    + " must be an absolute https URL with a host and no user info, query or fragment");
        }
        if (scheme.equals("http") && !isLoopback(url.getHost())) {
            throw new InvalidConfigException(field, field + " must use https: plain http is allowed only for "
                    + "localhost, 127.0.0.0/8 and ::1, as the management key and users' refresh JWTs would "
                    + "otherwise travel unencrypted");
        }
        String text = url.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
    }

    /** Parses and {@linkplain #check(URI, String) checks} a base URL given as text. */
    public static URI check(String url, String field) {
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidConfigException(field, field + " is not a valid URL");
        }
        return check(parsed, field);
    }

    /** {@code localhost}, an IPv4 address in 127.0.0.0/8 or the IPv6 loopback address; names are not resolved. */
    public static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        boolean ipv6 = h.startsWith("[") && h.endsWith("]");
        if (!ipv6 && !IPV4_LITERAL.matcher(h).matches()) {
            return false;
        }
        try {
            // A literal address: parsed, never looked up.
            return InetAddress.getByName(ipv6 ? h.substring(1, h.length() - 1) : h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Contract §1: 32+ character project IDs carry their region in characters 1 to 4. */
    public static URI forProject(String projectId) {
        if (projectId.length() >= REGIONAL_PROJECT_ID_LENGTH) {
            return URI.create("https://api." + projectId.substring(1, 5).toLowerCase(Locale.ROOT) + ".descope.com");
        }
        return DEFAULT;
    }
}
