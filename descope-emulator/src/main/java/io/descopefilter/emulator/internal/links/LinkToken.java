package io.descopefilter.emulator.internal.links;

import io.descopefilter.emulator.internal.session.SessionGrant;
import java.time.Instant;
import java.util.Objects;

/**
 * What a single-use link token stands for. The token string itself is only a map key and never part of this
 * record, so printing it leaks nothing.
 *
 * @param pendingRef enchanted links: the poll reference the verification completes
 * @param correct    enchanted links: whether this is the one link (of three) that matches the shown number
 * @param change     email/phone update links: the change to apply on verification, else null
 */
public record LinkToken(Kind kind, SessionGrant grant, DeliveryChannel channel, Instant expiresAt, String pendingRef,
                        boolean correct, ProfileChange change) {

    /** Which verify endpoint accepts the token. */
    public enum Kind { MAGIC, ENCHANTED, EMBEDDED }

    public LinkToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean verifiesAt(Kind endpointKind) {
        return endpointKind == Kind.MAGIC ? kind == Kind.MAGIC || kind == Kind.EMBEDDED : kind == endpointKind;
    }
}
