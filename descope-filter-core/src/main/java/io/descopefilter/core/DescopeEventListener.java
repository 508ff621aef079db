package io.descopefilter.core;

/**
 * Receives what the filter and the client did: sign-ins and refusals, sends, refreshes, sign-outs, refused
 * sessions, key fetches, Descope calls and breaker changes ({@link DescopeEvent}).
 *
 * <p>Called on the thread that did the work (a request thread, the key fetch thread), synchronously: keep it short
 * and hand slow work elsewhere. An exception it throws is logged (throttled) and never reaches the request. It must
 * be thread-safe. Events never carry a token; login IDs are masked unless the application opted in.
 */
@FunctionalInterface
public interface DescopeEventListener {

    void onEvent(DescopeEvent event);
}
