package io.descopefilter.emulator.internal.wire;

/** The answer to a magic-link send: exactly one of the two is set (nulls are left out of the JSON). */
public record MaskedDelivery(String maskedEmail, String maskedPhone) {

    public static MaskedDelivery email(String masked) {
        return new MaskedDelivery(masked, null);
    }

    public static MaskedDelivery phone(String masked) {
        return new MaskedDelivery(null, masked);
    }
}
