/**
 * Magic, enchanted and embedded link flows: requests, tokens, delivery to the outbox, verification.
 *
 * <p><b>Internal, not API:</b> everything under {@code io.descopefilter.emulator.internal} may change or disappear
 * in any release. Use {@code io.descopefilter.emulator} ({@code DescopeEmulator} and its builder) instead.
 */
package io.descopefilter.emulator.internal.links;
