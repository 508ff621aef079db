package io.descopefilter.jakarta.internal.config;

/** What events carry of a login ID (setting {@code eventLoginIds}). */
public enum EventLoginIds {
    /** {@code a***@example.com}, {@code +***00}: enough to tell people apart in a log, not to reach them. */
    MASKED,
    /** The login ID as typed or as Descope reports it; the application then holds personal data in its events. */
    FULL
}
