package io.descopefilter.emulator.internal.links;

import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ErrorCode;
import io.descopefilter.emulator.internal.store.RandomIds;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Outstanding link tokens. Consumption is one atomic remove, so a token verifies at most once. */
public final class LinkTokens {

    private static final int PRUNE_THRESHOLD = 10_000;
    private static final int MAX_TOKEN_LENGTH = 512;

    private final Clock clock;
    private final Map<String, LinkToken> tokens = new ConcurrentHashMap<>();

    public LinkTokens(Clock clock) {
        this.clock = clock;
    }

    /** Stores a new token and returns its random value. */
    public String issue(LinkToken token) {
        if (tokens.size() > PRUNE_THRESHOLD) {
            Instant now = clock.instant();
            tokens.values().removeIf(t -> !now.isBefore(t.expiresAt()));
        }
        String value = RandomIds.linkToken();
        tokens.put(value, token);
        return value;
    }

    /**
     * Takes the token for one verification. Unknown, used or other-kind tokens fail with E063010 (a token of the
     * wrong kind is left in place); expired ones with E062504.
     */
    public LinkToken consume(String value, LinkToken.Kind endpointKind) {
        if (value == null || value.isEmpty() || value.length() > MAX_TOKEN_LENGTH) {
            throw notFound();
        }
        LinkToken token = tokens.get(value);
        if (token == null || !token.verifiesAt(endpointKind) || !tokens.remove(value, token)) {
            throw notFound();
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            throw new ApiException(ErrorCode.TOKEN_EXPIRED, "Token expired: failed to load magic link token");
        }
        return token;
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.TOKEN_NOT_FOUND,
                "Failed loading link token: it was not found, was already used or might be expired");
    }
}
