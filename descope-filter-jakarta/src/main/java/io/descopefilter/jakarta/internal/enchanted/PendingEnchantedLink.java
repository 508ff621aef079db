package io.descopefilter.jakarta.internal.enchanted;

/**
 * An enchanted link a browser is waiting for, kept on the server only ({@link PendingSignIns}): the
 * {@code pendingRef} never reaches a page, URL or cookie (EL-01). {@link #toString()} never shows the reference.
 */
final class PendingEnchantedLink {

    private final String pendingRef;
    private final String next;
    private long lastPollMillis = Long.MIN_VALUE / 2;
    private boolean polling;

    PendingEnchantedLink(String pendingRef, String next) {
        this.pendingRef = pendingRef;
        this.next = next;
    }

    /** The reference to poll Descope with. */
    String pendingRef() {
        return pendingRef;
    }

    /** Where the browser goes once signed in. */
    String next() {
        return next;
    }

    /**
     * Claims the right to ask Descope now: refused while another poll of this browser is running or when the last
     * one was less than {@code minIntervalMillis} ago (EL-04).
     */
    synchronized boolean tryStartPoll(long nowMillis, long minIntervalMillis) {
        if (polling || nowMillis - lastPollMillis < minIntervalMillis) {
            return false;
        }
        polling = true;
        lastPollMillis = nowMillis;
        return true;
    }

    synchronized void endPoll() {
        polling = false;
    }

    @Override
    public String toString() {
        return "PendingEnchantedLink[pendingRef=<redacted>, next=" + next + "]";
    }
}
