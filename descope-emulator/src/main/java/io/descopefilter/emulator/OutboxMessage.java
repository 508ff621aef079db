package io.descopefilter.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message the emulator pretended to send instead of a real email, SMS, WhatsApp or voice message.
 *
 * @param channel {@code email}, {@code sms}, {@code whatsapp} or {@code voice}
 * @param to      the email address or phone number it was sent to
 * @param body    plain text that contains every link
 * @param links   the links in the body, in order
 * @param options what the request said about the message, as sent: {@code templateId}, {@code templateOptions},
 *                {@code locale}, {@code providerId}, {@code ssoAppId} and, for email/phone updates,
 *                {@code onMergeUseExisting} and {@code addToLoginIDs}; only those present with a value
 */
public record OutboxMessage(String id, String channel, String to, String subject, String body, Instant sentAt,
                            List<OutboxLink> links, Map<String, Object> options) {

    public OutboxMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(sentAt, "sentAt");
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
        links = List.copyOf(links);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** A message without options. */
    public OutboxMessage(String id, String channel, String to, String subject, String body, Instant sentAt,
                         List<OutboxLink> links) {
        this(id, channel, to, subject, body, sentAt, links, Map.of());
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
                + ", sentAt=" + sentAt + ", links=" + links + ", options=" + options.keySet() + "]";
    }
}
