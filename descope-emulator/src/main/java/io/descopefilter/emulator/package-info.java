/**
 * The emulator's public API: {@link io.descopefilter.emulator.DescopeEmulator} and its builder,
 * {@link io.descopefilter.emulator.EmulatorConfig}, {@link io.descopefilter.emulator.EmulatorUser}, the outbox
 * ({@link io.descopefilter.emulator.Outbox}, {@link io.descopefilter.emulator.OutboxMessage},
 * {@link io.descopefilter.emulator.OutboxLink}), fault injection ({@link io.descopefilter.emulator.Faults},
 * {@link io.descopefilter.emulator.Fault}), {@link io.descopefilter.emulator.RateLimit},
 * {@link io.descopefilter.emulator.EmulatorTokens} and the command line {@link io.descopefilter.emulator.Main}.
 * Everything under {@code io.descopefilter.emulator.internal} is implementation and may change.
 */
package io.descopefilter.emulator;
