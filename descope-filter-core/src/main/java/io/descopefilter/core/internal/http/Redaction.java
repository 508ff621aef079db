package io.descopefilter.core.internal.http;

/** What {@code toString()} prints in place of a token, JWT, pending reference or key. */
public final class Redaction {

    public static final String REDACTED = "<redacted>";

    private Redaction() {
    }

    public static String mask(String secret) {
        return secret == null ? "null" : REDACTED;
    }
}
