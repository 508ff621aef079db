package io.descopefilter.core;

/** How a magic link is delivered; the path suffix of the magic link endpoints (contract §2). */
public enum DeliveryMethod {
    EMAIL("email"),
    SMS("sms"),
    WHATSAPP("whatsapp"),
    VOICE("voice");

    private final String pathSegment;

    DeliveryMethod(String pathSegment) {
        this.pathSegment = pathSegment;
    }

    /** The value used in request paths, e.g. {@code /v1/auth/magiclink/signin/sms}. */
    public String pathSegment() {
        return pathSegment;
    }
}
