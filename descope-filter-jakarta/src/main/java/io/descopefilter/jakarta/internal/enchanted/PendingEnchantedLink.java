package io.descopefilter.jakarta.internal.enchanted;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.io.Serial;
import java.io.Serializable;

/**
 * An enchanted link this browser is waiting for, kept only in its {@code HttpSession} under
 * {@code io.descopefilter.pendingRef}: the {@code pendingRef} never reaches a page, URL or script-readable cookie
 * (EL-01). A decoy has no {@code pendingRef}: it stands in when nothing was sent (send limit hit, unknown user),
 * so that the browser sees the same "pending" as for a real link until it expires. {@link #toString()} never shows
 * the reference.
 */
public final class PendingEnchantedLink implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String SESSION_ATTRIBUTE = "io.descopefilter.pendingRef";

    private final String pendingRef;
    private final String next;
    private final long expiresAtMillis;
    private long lastPollMillis;
    private transient boolean polling;

    PendingEnchantedLink(String pendingRef, String next, long expiresAtMillis) {
        this.pendingRef = pendingRef;
        this.next = next;
        this.expiresAtMillis = expiresAtMillis;
    }

    /** The pending sign-in kept in this browser's {@code HttpSession}, or {@code null}. */
    static PendingEnchantedLink in(HttpSession httpSession) {
        if (httpSession == null) {
            return null;
        }
        try {
            return httpSession.getAttribute(SESSION_ATTRIBUTE) instanceof PendingEnchantedLink p ? p : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /** Keeps {@code pending} in this browser's {@code HttpSession}. */
    static void remember(HttpServletRequest request, PendingEnchantedLink pending) {
        request.getSession(true).setAttribute(SESSION_ATTRIBUTE, pending);
    }

    static void forget(HttpSession httpSession) {
        try {
            httpSession.removeAttribute(SESSION_ATTRIBUTE);
        } catch (IllegalStateException invalidated) {
            // already gone
        }
    }

    /** The reference to poll Descope with; {@code null} for a decoy. */
    String pendingRef() {
        return pendingRef;
    }

    /** Where the browser goes once signed in. */
    String next() {
        return next;
    }

    boolean isExpired(long nowMillis) {
        return nowMillis >= expiresAtMillis;
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
        return "PendingEnchantedLink[pendingRef=" + (pendingRef == null ? "none" : "<redacted>") + ", next=" + next
                + ", expiresAtMillis=" + expiresAtMillis + "]";
    }
}
