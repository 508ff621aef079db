package io.descopefilter.jakarta.internal.session;

/** The tokens do not fit in a browser cookie (4096 bytes for name, value and attributes; SE-03). */
public final class SessionTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SessionTooLargeException(String message) {
        super(message);
    }
}
