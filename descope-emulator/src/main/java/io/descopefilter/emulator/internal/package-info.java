/**
 * Implementation of the emulator. <b>Internal, not API:</b> the packages below may change in any release; use
 * {@code io.descopefilter.emulator} instead.
 */
package io.descopefilter.emulator.internal;
