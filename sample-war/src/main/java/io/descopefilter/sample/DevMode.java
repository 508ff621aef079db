package io.descopefilter.sample;

import jakarta.servlet.ServletContext;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the local launcher tells the sample when it runs against the Descope emulator: where the emulator's outbox
 * page is, and which demo users it seeded. Both come from context parameters that only the launcher sets; a
 * deployment with a real Descope project has neither, so nothing of this appears there.
 *
 * @param outboxUrl the emulator's outbox page, where every "sent" email and text message can be opened
 * @param demoUsers one line per seeded user, e.g. {@code alice@example.com, +15555550101 (role admin)}
 */
public record DevMode(String outboxUrl, List<String> demoUsers) {

    /** Context parameter with the emulator's outbox page URL. */
    public static final String OUTBOX_URL_PARAM = "sample.devOutboxUrl";
    /** Context parameter listing the demo users, separated by {@code ;}. */
    public static final String DEMO_USERS_PARAM = "sample.devUsers";

    /** Dev mode if the launcher set an absolute http(s) outbox URL; otherwise none. */
    public static Optional<DevMode> of(ServletContext context) {
        String outbox = context.getInitParameter(OUTBOX_URL_PARAM);
        if (outbox == null || !isHttpUrl(outbox)) {
            return Optional.empty();
        }
        String users = context.getInitParameter(DEMO_USERS_PARAM);
        List<String> demoUsers = users == null ? List.of()
                : Arrays.stream(users.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return Optional.of(new DevMode(outbox, demoUsers));
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
