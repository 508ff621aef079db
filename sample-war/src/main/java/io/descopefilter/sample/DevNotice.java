package io.descopefilter.sample;

import org.owasp.encoder.Encode;

import java.util.Optional;

/** The dev-mode boxes: where the emulator's messages can be read, and which demo users exist. Empty otherwise. */
final class DevNotice {

    private DevNotice() {
    }

    /** A pointer to the outbox, for pages that just "sent" a message. */
    static String outbox(Optional<DevMode> dev) {
        return dev.map(mode -> """
                <aside class="dev"><strong>Dev mode:</strong> nothing really leaves this machine. The Descope emulator
                keeps every message in its outbox:
                <a id="outbox-link" href="%s" target="_blank" rel="noopener noreferrer">open the outbox</a>
                and click the link in the newest message.</aside>
                """.formatted(Encode.forHtmlAttribute(mode.outboxUrl()))).orElse("");
    }

    /** The demo users and the outbox, for the home and login pages. */
    static String demoUsers(Optional<DevMode> dev) {
        return dev.map(mode -> {
            StringBuilder users = new StringBuilder();
            mode.demoUsers().forEach(user -> users.append("<li>").append(Encode.forHtml(user)).append("</li>"));
            return """
                    <aside class="dev"><strong>Dev mode</strong> with the local Descope emulator. Demo users:
                    <ul>%s</ul>Any other address signs up a new user. Messages go to the
                    <a href="%s" target="_blank" rel="noopener noreferrer">emulator's outbox</a>.</aside>
                    """.formatted(users, Encode.forHtmlAttribute(mode.outboxUrl()));
        }).orElse("");
    }
}
