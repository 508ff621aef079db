package io.descopefilter.emulator.internal.wire;

/** The answer to an enchanted-link send. */
public record EnchantedLinkBody(String pendingRef, String linkId, String maskedEmail) {

    @Override
    public String toString() {
        return "EnchantedLinkBody[pendingRef=***, linkId=" + linkId + ", maskedEmail=" + maskedEmail + "]";
    }
}
