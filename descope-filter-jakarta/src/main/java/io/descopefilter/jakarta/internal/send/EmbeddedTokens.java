package io.descopefilter.jakarta.internal.send;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * The embedded-link tokens this node made, by SHA-256 only, so that a landing can report an
 * {@code EMBEDDED} sign-in rather than a magic one. Bounded; an entry it dropped (or one made on another node)
 * only makes the event say {@code MAGIC}. Never decides anything about security.
 */
public final class EmbeddedTokens {

    private static final int MAX_TOKENS = 10_000;
    private static final Duration KEPT = Duration.ofHours(24);

    private final Cache<String, Boolean> issued = Caffeine.newBuilder().maximumSize(MAX_TOKENS)
            .expireAfterWrite(KEPT).executor(Runnable::run).build();

    void issued(String token) {
        issued.put(hash(token), Boolean.TRUE);
    }

    /** Whether this node made the token (and still remembers it); forgets it, as a link is used once. */
    public boolean takeIfIssued(String token) {
        return token != null && issued.asMap().remove(hash(token)) != null;
    }

    private static String hash(String token) {
        try {
            return Base64.getEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
