package io.descopefilter.jakarta.internal.http;

import jakarta.servlet.http.HttpServletRequest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the client's key for rate limiting. {@code X-Forwarded-For} is believed only when the direct peer is a
 * configured trusted proxy, and then only up to the first address that is not itself a trusted proxy (read from the
 * right, across every header line in order: a client's own line comes first, the proxies append), so a client cannot
 * pick its own address by sending the header. IPv4 clients are keyed by address, IPv6 clients by their /64 (one
 * subscriber usually holds a whole /64, so counting single IPv6 addresses would give each attacker billions of keys).
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

    /** The key limits are counted against: the client's address, or its /64 for IPv6. */
    public String of(HttpServletRequest request) {
        return keyOf(addressOf(request));
    }

    /** The client's address as the nearest trusted proxy saw it (or the peer's). */
    String addressOf(HttpServletRequest request) {
        String peer = canonicalOrRaw(request.getRemoteAddr());
        if (trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = allLines(request.getHeaders("X-Forwarded-For"));
        if (forwarded == null) {
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

    /** Every header line joined with commas (RFC 9110 §5.3); {@code null} when absent or too long. */
    private static String allLines(Enumeration<String> lines) {
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        while (lines.hasMoreElements()) {
            String line = lines.nextElement();
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append(line);
            if (joined.length() > MAX_FORWARDED_LENGTH) {
                return null;
            }
        }
        return joined.toString();
    }

    /** An IPv6 address becomes its /64 ({@code 2001:db8:1:2::/64}); anything else is kept as it is. */
    static String keyOf(String address) {
        if (address == null || address.indexOf(':') < 0 || canonical(address) == null) {
            return address;
        }
        try {
            // Only literals reach this point (checked by canonical), so no name lookup happens.
            InetAddress parsed = InetAddress.getByName(address);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] bytes = parsed.getAddress();
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                key.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return key.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
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
