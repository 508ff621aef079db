package io.descopefilter.emulator.internal.wire;

/** The JSON form of an armed fault on {@code /emulator/faults}. */
public record FaultSpec(String path, long latencyMs, Integer status, String errorCode, String body, boolean drop,
                        int times) {
}
