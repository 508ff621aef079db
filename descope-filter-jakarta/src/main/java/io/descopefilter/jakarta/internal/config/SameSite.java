package io.descopefilter.jakarta.internal.config;

/** The {@code SameSite} cookie attribute. */
public enum SameSite {
    STRICT("Strict"),
    LAX("Lax"),
    NONE("None");

    private final String attributeValue;

    SameSite(String attributeValue) {
        this.attributeValue = attributeValue;
    }

    /** The value as written in {@code Set-Cookie}. */
    public String attributeValue() {
        return attributeValue;
    }
}
