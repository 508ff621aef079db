package io.descopefilter.emulator.wire;

/** The answer to an enchanted-link send (§3). */
public record EnchantedLinkBody(String pendingRef, String linkId, String maskedEmail) {

    @Override
    public String toString() {
        return "EnchantedLinkBody[pendingRef=***, linkId=" + linkId + ", maskedEmail=" + maskedEmail + "]";
    }
}
