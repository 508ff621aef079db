package io.descopefilter.core.client;

/** What {@code toString()} prints in place of a token, JWT, pending reference or key. */
final class Redaction {

    static final String REDACTED = "<redacted>";

    private Redaction() {
    }

    static String mask(String secret) {
        return secret == null ? "null" : REDACTED;
    }
}
