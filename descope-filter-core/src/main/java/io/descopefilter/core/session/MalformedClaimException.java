package io.descopefilter.core.session;

/** A claim of a verified token has the wrong JSON type or an impossible value. Flow control only: no stack trace. */
final class MalformedClaimException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedClaimException(String claim) {
        super("malformed claim: " + claim, null, false, false);
    }
}
