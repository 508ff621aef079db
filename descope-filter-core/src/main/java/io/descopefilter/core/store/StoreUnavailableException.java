package io.descopefilter.core.store;

/**
 * The store did not answer in time or refused the operation. The filter treats it as it treats an unreachable
 * Descope: limits fail closed, refresh coordination falls back to this node, signed-in users are unaffected.
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
