package io.descopefilter.core;

import io.descopefilter.core.internal.http.Redaction;

/**
 * Answer to an enchanted link send (contract §3).
 *
 * @param pendingRef  what to poll with {@link DescopeClient#enchantedLinkPendingSession(String)}; a bearer
 *                    secret until the session is collected, so never shown by {@link #toString()}
 * @param linkId      the number the user must pick in the email
 * @param maskedEmail where the email went, masked by Descope
 */
public record EnchantedLinkResponse(String pendingRef, String linkId, String maskedEmail) {

    @Override
    public String toString() {
        return "EnchantedLinkResponse[pendingRef=" + Redaction.mask(pendingRef) + ", linkId=" + linkId
                + ", maskedEmail=" + maskedEmail + "]";
    }
}
