package io.descopefilter.emulator;

import java.util.Objects;

/** A session JWT and its refresh JWT, as minted by {@link DescopeEmulator#issueSession}. */
public record EmulatorTokens(String sessionJwt, String refreshJwt) {

    public EmulatorTokens {
        Objects.requireNonNull(sessionJwt, "sessionJwt");
        Objects.requireNonNull(refreshJwt, "refreshJwt");
    }

    @Override
    public String toString() {
        return "EmulatorTokens[sessionJwt=***, refreshJwt=***]";
    }
}
