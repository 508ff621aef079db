package io.descopefilter.core.internal.jwt;

/** A claim of a verified token has the wrong JSON type or an impossible value. Flow control only: no stack trace. */
public final class MalformedClaimException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedClaimException(String claim) {
        super("malformed claim: " + claim, null, false, false);
    }
}
