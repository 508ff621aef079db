package io.descopefilter.jakarta.internal.http;

import jakarta.servlet.http.HttpServletRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the client's IP address for rate limiting. {@code X-Forwarded-For} is believed only when the direct peer
 * is a configured trusted proxy, and then only up to the first address that is not itself a trusted proxy
 * (read from the right), so a client cannot pick its own address by sending the header.
 */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");
    private static final int MAX_FORWARDED_LENGTH = 2048;

    private final Set<String> trustedProxies;

    private ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    /** Parses IP literals (never host names: no DNS lookups); the exception names the bad entry. */
    public static ClientAddress trusting(List<String> proxies) {
        Set<String> normalised = new HashSet<>();
        for (String proxy : proxies) {
            String address = canonical(proxy);
            if (address == null) {
                throw new IllegalArgumentException("'" + proxy + "' is not an IPv4 or IPv6 address");
            }
            normalised.add(address);
        }
        return new ClientAddress(normalised);
    }

    /** The address limits are counted against. */
    public String of(HttpServletRequest request) {
        String peer = canonicalOrRaw(request.getRemoteAddr());
        if (trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.length() > MAX_FORWARDED_LENGTH) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = canonical(hops[i].trim());
            if (hop == null) {
                return peer;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private static boolean isIpv4(String text) {
        if (!IPV4.matcher(text).matches()) {
            return false;
        }
        for (String octet : text.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static String canonicalOrRaw(String address) {
        String canonical = canonical(address);
        return canonical != null ? canonical : String.valueOf(address);
    }

    /** The canonical text of an IP literal, or {@code null} when it is not one. */
    static String canonical(String text) {
        if (text == null || !(isIpv4(text) || IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            // Only literals reach this point, so no name lookup happens.
            return InetAddress.getByName(text).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
