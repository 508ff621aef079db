package io.descopefilter.core;

/**
 * Answer to a magic link send or update (contract §2): where the link went, masked by Descope. Email links set
 * {@code maskedEmail}, phone links {@code maskedPhone}.
 */
public record LinkSent(String maskedEmail, String maskedPhone) {

    /** Whichever masked address is present, or {@code ""}. */
    public String maskedAddress() {
        return maskedEmail != null ? maskedEmail : maskedPhone != null ? maskedPhone : "";
    }
}
