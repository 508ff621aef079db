package io.descopefilter.emulator.internal.links;

import io.descopefilter.emulator.Outbox;
import io.descopefilter.emulator.OutboxLink;
import io.descopefilter.emulator.OutboxMessage;
import io.descopefilter.emulator.internal.session.SessionGrant;
import io.descopefilter.emulator.internal.store.RandomIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates link tokens and "sends" them by recording the message in the outbox. */
public final class LinkSender {

    /** How many links an enchanted-link email carries; only one of them is correct. */
    private static final int ENCHANTED_CHOICES = 3;

    /** The result of an enchanted-link send: the poll reference and the number of the correct link. */
    public record EnchantedSend(String pendingRef, String linkId) {
    }

    private final LinkTokens tokens;
    private final PendingSessions pendingSessions;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration linkTtl;

    public LinkSender(LinkTokens tokens, PendingSessions pendingSessions, Outbox outbox, Clock clock,
                      Duration linkTtl) {
        this.tokens = tokens;
        this.pendingSessions = pendingSessions;
        this.outbox = outbox;
        this.clock = clock;
        this.linkTtl = linkTtl;
    }

    /** One magic link to {@code address}; {@code change} (may be null) applies when it is verified. */
    public void sendMagicLink(DeliveryChannel channel, String address, String redirectUri, SessionGrant grant,
                              ProfileChange change, Map<String, Object> options) {
        Instant now = clock.instant();
        String token = tokens.issue(new LinkToken(LinkToken.Kind.MAGIC, grant, channel, now.plus(linkTtl), null,
                false, change));
        String url = RedirectPolicy.linkWithToken(redirectUri, token);
        String subject = change == null ? "Your sign-in link" : "Confirm your new " + what(channel);
        String body = (change == null ? "Use this link to sign in:\n" : "Use this link to confirm the change:\n")
                + url + "\n\nIt expires in " + minutes() + " and works once.";
        record(channel, address, subject, body, List.of(new OutboxLink(url, null)), now, options);
    }

    /** Three email links with distinct numbers; only the one whose number is returned verifies. */
    public EnchantedSend sendEnchantedLinks(String address, String redirectUri, SessionGrant grant,
                                            ProfileChange change, Map<String, Object> options) {
        Instant now = clock.instant();
        String pendingRef = pendingSessions.open(grant);
        List<String> numbers = distinctNumbers();
        String correct = numbers.get(RandomIds.between(0, ENCHANTED_CHOICES));
        List<OutboxLink> links = new ArrayList<>();
        StringBuilder body = new StringBuilder("Click the link whose number is shown on your screen:\n");
        for (String number : numbers) {
            String token = tokens.issue(new LinkToken(LinkToken.Kind.ENCHANTED, grant, DeliveryChannel.EMAIL,
                    now.plus(linkTtl), pendingRef, number.equals(correct), change));
            String url = RedirectPolicy.linkWithToken(redirectUri, token);
            links.add(new OutboxLink(url, number));
            body.append('\n').append(number).append(": ").append(url);
        }
        body.append("\n\nThe links expire in ").append(minutes()).append('.');
        String subject = change == null ? "Your sign-in links" : "Confirm your new email address";
        record(DeliveryChannel.EMAIL, address, subject, body.toString(), links, now, options);
        return new EnchantedSend(pendingRef, correct);
    }

    /** A token for an embedded link: not sent anywhere, returned to the management caller. */
    public String embeddedToken(SessionGrant grant, Duration timeout) {
        return tokens.issue(new LinkToken(LinkToken.Kind.EMBEDDED, grant, DeliveryChannel.EMAIL,
                clock.instant().plus(timeout), null, false, null));
    }

    private void record(DeliveryChannel channel, String address, String subject, String body, List<OutboxLink> links,
                        Instant now, Map<String, Object> options) {
        outbox.record(new OutboxMessage(RandomIds.messageId(), channel.wireName(), address, subject, body, now, links,
                options));
    }

    private static List<String> distinctNumbers() {
        Set<String> numbers = new LinkedHashSet<>();
        while (numbers.size() < ENCHANTED_CHOICES) {
            numbers.add(Integer.toString(RandomIds.between(10, 100)));
        }
        return List.copyOf(numbers);
    }

    private String minutes() {
        long minutes = linkTtl.toMinutes();
        return minutes >= 1 ? minutes + " minute" + (minutes == 1 ? "" : "s") : linkTtl.toSeconds() + " seconds";
    }

    private static String what(DeliveryChannel channel) {
        return channel.isEmail() ? "email address" : "phone number";
    }
}
