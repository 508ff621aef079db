package io.descopefilter.emulator.internal.cli;

import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorConfig;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.RateLimit;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the emulator's command line into a validated {@link EmulatorConfig}. */
public final class CommandLine {

    public static final String USAGE = """
            Usage: java -jar descope-emulator.jar --project-id <id> --management-key <key> [options]
              --port <n>                    port on 127.0.0.1 (default 4500; 0 picks a free one)
              --project-id <id>             Descope project ID, at least 28 letters or digits (required)
              --management-key <key>        management key accepted as Bearer <project-id>:<key> (required)
              --approved-domain <host>      host redirect URIs may use; repeatable (default: any host)
              --default-redirect-url <url>  link target when a request names no URI
              --session-ttl <seconds>       session JWT lifetime (default 600)
              --refresh-ttl <seconds>       refresh JWT lifetime (default 2592000)
              --link-ttl <seconds>          magic/enchanted link lifetime (default 600)
              --refresh-token-rotation      refresh returns a new refresh JWT and revokes the old one
              --seed-user <loginId>[,role]  create a user at start; repeatable
              --rate-limit-per-login-id <n>/<seconds>
                                            link requests per login ID per window (default 20/60; 0 = off)
              --rate-limit-per-client <n>/<seconds>
                                            API calls per client address per window (default 1000/60; 0 = off)
              --no-rate-limits              no rate limits at all (same as both limits 0/60)
            """;

    private static final int DEFAULT_PORT = 4500;
    private static final Set<String> SWITCHES = Set.of("--refresh-token-rotation", "--no-rate-limits");
    private static final Set<String> SINGLE_VALUED = Set.of("--port", "--project-id", "--management-key",
            "--default-redirect-url", "--session-ttl", "--refresh-ttl", "--link-ttl", "--rate-limit-per-login-id",
            "--rate-limit-per-client");
    private static final Pattern LIMIT = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    private CommandLine() {
    }

    public static EmulatorConfig parse(String[] args) throws UsageException {
        DescopeEmulator.Builder builder = DescopeEmulator.builder().port(DEFAULT_PORT);
        Set<String> seen = new HashSet<>();
        RateLimit rateLimit = RateLimit.defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (SWITCHES.contains(flag)) {
                seen.add(flag);
                if (flag.equals("--no-rate-limits")) {
                    rateLimit = RateLimit.unlimited();
                } else {
                    builder.refreshTokenRotation(true);
                }
                continue;
            }
            if (!SINGLE_VALUED.contains(flag) && !flag.equals("--approved-domain") && !flag.equals("--seed-user")) {
                throw new UsageException("unknown option: " + flag);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            if (SINGLE_VALUED.contains(flag) && !seen.add(flag)) {
                throw new UsageException(flag + " is given twice");
            }
            String value = args[++i];
            switch (flag) {
                case "--rate-limit-per-login-id" -> rateLimit = limited(flag, value, rateLimit, true);
                case "--rate-limit-per-client" -> rateLimit = limited(flag, value, rateLimit, false);
                default -> apply(builder, flag, value);
            }
        }
        if (seen.contains("--no-rate-limits")
                && (seen.contains("--rate-limit-per-login-id") || seen.contains("--rate-limit-per-client"))) {
            throw new UsageException("--no-rate-limits cannot be combined with a --rate-limit-* option");
        }
        builder.rateLimit(rateLimit);
        if (!seen.contains("--project-id") || !seen.contains("--management-key")) {
            throw new UsageException("--project-id and --management-key are required");
        }
        try {
            return builder.config();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void apply(DescopeEmulator.Builder builder, String flag, String value) throws UsageException {
        switch (flag) {
            case "--port" -> builder.port(number(flag, value, 0, 65535));
            case "--project-id" -> builder.projectId(value);
            case "--management-key" -> builder.managementKey(value);
            case "--approved-domain" -> builder.approvedDomain(value);
            case "--default-redirect-url" -> builder.defaultRedirectUrl(value);
            case "--session-ttl" -> builder.sessionTtl(seconds(flag, value));
            case "--refresh-ttl" -> builder.refreshTtl(seconds(flag, value));
            case "--link-ttl" -> builder.linkTtl(seconds(flag, value));
            case "--seed-user" -> builder.seedUser(seedUser(value));
            default -> throw new UsageException("unknown option: " + flag);
        }
    }

    /** {@code <n>/<seconds>}: n requests per window of that many seconds; n = 0 turns the limit off. */
    private static RateLimit limited(String flag, String value, RateLimit current, boolean perLoginId)
            throws UsageException {
        Matcher matcher = LIMIT.matcher(value);
        if (!matcher.matches()) {
            throw new UsageException(flag + " takes <requests>/<seconds>, e.g. 20/60; got '" + value + "'");
        }
        int limit = Integer.parseInt(matcher.group(1));
        Duration window = Duration.ofSeconds(Long.parseLong(matcher.group(2)));
        if (window.isZero()) {
            throw new UsageException(flag + ": the window must be at least one second");
        }
        return perLoginId ? current.withPerLoginId(limit, window) : current.perClient(limit, window);
    }

    private static EmulatorUser seedUser(String value) throws UsageException {
        List<String> parts = Arrays.stream(value.split(",")).map(String::trim).toList();
        if (parts.isEmpty() || parts.get(0).isEmpty() || parts.stream().anyMatch(String::isEmpty)) {
            throw new UsageException("--seed-user takes <loginId>[,role...]");
        }
        return EmulatorUser.builder(parts.get(0)).roles(parts.subList(1, parts.size()).toArray(String[]::new)).build();
    }

    private static Duration seconds(String flag, String value) throws UsageException {
        return Duration.ofSeconds(number(flag, value, 1, Integer.MAX_VALUE));
    }

    private static int number(String flag, String value, int min, int max) throws UsageException {
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new UsageException(flag + " must be between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " needs a whole number, got '" + value + "'");
        }
    }
}
