package io.descopefilter.emulator.internal.http;

import java.util.Locale;
import java.util.Set;

/**
 * The rules every {@code /emulator/*} control request must pass before it is routed. Control routes hand out live
 * link tokens and can rotate keys or arm faults, so a web page the developer happens to open must not reach them:
 * <ul>
 *   <li>the {@code Host} header must name the loopback interface ({@code 127.0.0.1}, {@code localhost} or
 *       {@code [::1]}, any port), which defeats DNS rebinding;</li>
 *   <li>anything but {@code GET}/{@code HEAD} must carry {@code X-Emulator-Control: 1}: a custom header makes the
 *       request non-simple, and since the emulator never answers CORS preflights with allow headers, a browser
 *       will not send it cross-origin.</li>
 * </ul>
 */
final class ControlGuard {

    /** The header state-changing control requests must carry, with the value {@code 1}. */
    static final String CONTROL_HEADER = "X-Emulator-Control";

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    private ControlGuard() {
    }

    /** Throws a 403 {@link ApiException} when the request breaks a rule. */
    static void check(String method, String host, String controlHeader) {
        if (!isLoopbackHost(host)) {
            throw new ApiException(ErrorCode.CONTROL_FORBIDDEN,
                    "Control routes answer only requests whose Host is 127.0.0.1, localhost or [::1]");
        }
        boolean safe = method.equals("GET") || method.equals("HEAD");
        if (!safe && (controlHeader == null || !controlHeader.trim().equals("1"))) {
            throw new ApiException(ErrorCode.CONTROL_FORBIDDEN,
                    "State-changing control requests need the header " + CONTROL_HEADER + ": 1");
        }
    }

    /** {@code 127.0.0.1}, {@code localhost} or {@code [::1]}, optionally followed by {@code :<digits>}. */
    static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String value = host.trim().toLowerCase(Locale.ROOT);
        int portStart = value.startsWith("[") ? value.indexOf(']') + 1 : value.indexOf(':');
        if (portStart <= 0 || portStart >= value.length()) {
            return LOOPBACK_HOSTS.contains(value);
        }
        String name = value.substring(0, portStart);
        String port = value.substring(portStart);
        return LOOPBACK_HOSTS.contains(name) && port.length() > 1 && port.charAt(0) == ':'
                && port.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
