package io.descopefilter.jakarta.internal.magic;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.DescopeSession;
import io.descopefilter.core.DescopeUser;
import io.descopefilter.jakarta.internal.config.CookieSettings;
import io.descopefilter.jakarta.internal.config.SameSite;
import io.descopefilter.jakarta.internal.http.ReturnTo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Binds a magic link to the browser that asked for it, so that a link can never silently sign a person into
 * someone else's account (login CSRF through a forwarded link, HW-02). When a link is sent, the browser gets an
 * {@code HttpOnly} cookie ({@code __Host-DSLINK} on https) naming, as a hash, the account the link was sent to,
 * with the return path and the masked address to show. At the landing the verified user is compared with it: the
 * same browser signs in at once; any other browser (another device, or a victim holding a forwarded link) is shown
 * the full verified login ID and must confirm.
 *
 * <p>The cookie needs no signature: only this site can set it in this browser (its prefix keeps sibling domains
 * and plain http out), and it only ever lets its own holder skip a confirmation for an account that holder asked a
 * link for. The redirect URI itself carries nothing of ours.
 *
 * <p>Each entry also records the channels (email, SMS, WhatsApp, voice) by which this browser's outstanding links
 * to that account went out, so that the sign-in can report its channel ({@link Bound#channel()}). The value is up
 * to four entries {@code key.next.masked.expires[.channels]} joined by {@code ~}; {@code channels} is one letter per
 * channel ({@code e}, {@code s}, {@code w}, {@code v}): two bytes an entry for one channel. An entry without it
 * (written before the field existed) still binds, with the channel unknown. A version without the field skips
 * entries that have it: during such a downgrade a link is confirmed like one opened in another browser, never
 * signed in wrongly.
 */
public final class LinkBinding {

    /** The cookie's name before its prefix. */
    public static final String COOKIE = "DSLINK";
    /** How long a sent link stays bound to the browser; longer than Descope's link lifetime. */
    static final Duration LIFETIME = Duration.ofMinutes(20);
    private static final int MAX_ENTRIES = 4;
    private static final int MAX_NEXT_LENGTH = 512;

    private final CookieSettings cookies;
    private final Predicate<String> ownEndpoint;
    private final Clock clock;

    /** @param ownEndpoint the filter's own paths, never a return path */
    public LinkBinding(CookieSettings cookies, Predicate<String> ownEndpoint, Clock clock) {
        this.cookies = cookies;
        this.ownEndpoint = ownEndpoint;
        this.clock = clock;
    }

    /**
     * A link this browser asked for: whom it was sent to (as a hash), where to go after, what to show, and the
     * channels of this browser's outstanding links to that account (empty when unknown).
     */
    record Entry(String key, String next, String masked, long expiresAtSeconds, Set<DeliveryMethod> channels) {
    }

    /**
     * What the browser's binding says of a verified sign-in: where to go after, and the channel its link went by,
     * or {@code null} when that is unknown (links by more than one channel outstanding, or an older entry).
     */
    record Bound(String next, DeliveryMethod channel) {
    }

    /** Remembers that this browser asked for a link to {@code address} (sign-in, sign-up), sent by {@code channel}. */
    public void rememberAddress(HttpServletRequest request, HttpServletResponse response, String address,
                                String masked, String next, DeliveryMethod channel) {
        remember(request, response, keyOf("id:" + address.toLowerCase(Locale.ROOT)), masked, next, channel);
    }

    /**
     * Remembers that this browser asked for a link for the signed-in user {@code userId} (email, phone update),
     * sent by {@code channel}.
     */
    public void rememberUser(HttpServletRequest request, HttpServletResponse response, String userId,
                             String masked, String next, DeliveryMethod channel) {
        remember(request, response, keyOf("user:" + userId), masked, next, channel);
    }

    private void remember(HttpServletRequest request, HttpServletResponse response, String key, String masked,
                          String next, DeliveryMethod channel) {
        long now = clock.instant().getEpochSecond();
        String safeNext = next == null || next.length() > MAX_NEXT_LENGTH ? "" : next;
        List<Entry> live = live(request);
        // A link sent earlier to the same account may still be the one clicked: its channels stay recorded. An
        // entry whose channels are unknown keeps the new one unknown too.
        Set<DeliveryMethod> channels = EnumSet.of(channel);
        for (Entry entry : live) {
            if (entry.key().equals(key)) {
                if (entry.channels().isEmpty()) {
                    channels.clear();
                    break;
                }
                channels.addAll(entry.channels());
            }
        }
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(key, safeNext, masked, now + LIFETIME.toSeconds(), channels));
        for (Entry entry : live) {
            if (entries.size() < MAX_ENTRIES && !entry.key().equals(key)) {
                entries.add(entry);
            }
        }
        cookies.set(response, cookies.name(COOKIE), encode(entries), (int) LIFETIME.toSeconds(), SameSite.LAX);
    }

    /**
     * This browser's binding for the user Descope verified, if this browser asked for the link: matched by any of
     * the user's login IDs, email or phone, or by user ID for updates. The return path is the newest matching
     * entry's; the channel is known when every matching entry names the same single one.
     */
    Optional<Bound> match(HttpServletRequest request, DescopeSession session, DescopeUser user) {
        List<Entry> entries = live(request);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Set<String> keys = new HashSet<>();
        keys.add(keyOf("user:" + session.userId()));
        List<String> identifiers = new ArrayList<>(session.loginIds());
        identifiers.add(session.email());
        if (user != null) {
            identifiers.addAll(user.loginIds());
            identifiers.add(user.email());
            identifiers.add(user.phone());
        }
        for (String id : identifiers) {
            if (id != null && !id.isBlank()) {
                keys.add(keyOf("id:" + id.strip().toLowerCase(Locale.ROOT)));
            }
        }
        List<Entry> matched = entries.stream().filter(entry -> keys.contains(entry.key())).toList();
        if (matched.isEmpty()) {
            return Optional.empty();
        }
        // The link clicked is one of these; its channel is known when they all name one and the same.
        Set<DeliveryMethod> channels = EnumSet.noneOf(DeliveryMethod.class);
        boolean unknown = false;
        for (Entry entry : matched) {
            unknown |= entry.channels().isEmpty();
            channels.addAll(entry.channels());
        }
        DeliveryMethod channel = !unknown && channels.size() == 1 ? channels.iterator().next() : null;
        return Optional.of(new Bound(matched.get(0).next(), channel));
    }

    /** The masked address to show on the confirmation page: the newest link this browser asked for, if any. */
    Optional<String> newestMasked(HttpServletRequest request) {
        return live(request).stream().findFirst().map(Entry::masked).filter(masked -> !masked.isEmpty());
    }

    /** The return path of the newest link this browser asked for, if safe. */
    Optional<String> newestNext(HttpServletRequest request) {
        return live(request).stream().findFirst().map(Entry::next).filter(next -> !next.isEmpty());
    }

    private List<Entry> live(HttpServletRequest request) {
        String value = CookieSettings.single(request, cookies.name(COOKIE));
        if (value == null || value.length() > 3800) {
            return List.of();
        }
        long now = clock.instant().getEpochSecond();
        List<Entry> entries = new ArrayList<>();
        for (String part : value.split("~", MAX_ENTRIES + 1)) {
            String[] fields = part.split("\\.", -1);
            if (fields.length < 4 || fields.length > 5 || entries.size() == MAX_ENTRIES) {
                continue;
            }
            try {
                long expires = Long.parseLong(fields[3]);
                if (expires > now) {
                    // The cookie is ours, but a browser's cookie can be rewritten (by its user, or through a plain
                    // name on http): its return path is checked again like any other.
                    String next = ReturnTo.ifSafe(decode(fields[1]), ownEndpoint).orElse("");
                    Set<DeliveryMethod> channels = fields.length == 5 ? channels(fields[4])
                            : EnumSet.noneOf(DeliveryMethod.class);
                    entries.add(new Entry(fields[0], next, decode(fields[2]), expires, channels));
                }
            } catch (IllegalArgumentException malformed) {
                // a damaged entry binds nothing
            }
        }
        return entries;
    }

    private static String encode(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        for (Entry entry : entries) {
            if (out.length() > 0) {
                out.append('~');
            }
            out.append(entry.key()).append('.').append(b64(entry.next())).append('.').append(b64(entry.masked()))
                    .append('.').append(entry.expiresAtSeconds());
            if (!entry.channels().isEmpty()) {
                out.append('.');
                entry.channels().forEach(channel -> out.append(letter(channel)));
            }
        }
        return out.toString();
    }

    private static char letter(DeliveryMethod channel) {
        return switch (channel) {
            case EMAIL -> 'e';
            case SMS -> 's';
            case WHATSAPP -> 'w';
            case VOICE -> 'v';
        };
    }

    /** The channels a field names; empty (unknown) when it names one this version does not know. */
    private static Set<DeliveryMethod> channels(String field) {
        Set<DeliveryMethod> channels = EnumSet.noneOf(DeliveryMethod.class);
        for (char letter : field.toCharArray()) {
            DeliveryMethod channel = switch (letter) {
                case 'e' -> DeliveryMethod.EMAIL;
                case 's' -> DeliveryMethod.SMS;
                case 'w' -> DeliveryMethod.WHATSAPP;
                case 'v' -> DeliveryMethod.VOICE;
                default -> null;
            };
            if (channel == null) {
                return EnumSet.noneOf(DeliveryMethod.class);
            }
            channels.add(channel);
        }
        return channels;
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String field) {
        return new String(Base64.getUrlDecoder().decode(field), StandardCharsets.UTF_8);
    }

    private static String keyOf(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
