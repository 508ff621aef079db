package io.descopefilter.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message the emulator pretended to send instead of a real email, SMS, WhatsApp or voice message.
 *
 * @param channel {@code email}, {@code sms}, {@code whatsapp} or {@code voice}
 * @param to      the email address or phone number it was sent to
 * @param body    plain text that contains every link
 * @param links   the links in the body, in order
 */
public record OutboxMessage(String id, String channel, String to, String subject, String body, Instant sentAt,
                            List<OutboxLink> links) {

    public OutboxMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(sentAt, "sentAt");
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
        links = List.copyOf(links);
    }

    /** The first link of the message (magic links carry exactly one). */
    public OutboxLink firstLink() {
        if (links.isEmpty()) {
            throw new IllegalStateException("message has no links");
        }
        return links.get(0);
    }

    /** The body holds link tokens, so it is left out. */
    @Override
    public String toString() {
        return "OutboxMessage[id=" + id + ", channel=" + channel + ", to=" + to + ", subject=" + subject
                + ", sentAt=" + sentAt + ", links=" + links + "]";
    }
}
