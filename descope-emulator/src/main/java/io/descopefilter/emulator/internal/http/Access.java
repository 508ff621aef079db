package io.descopefilter.emulator.internal.http;

/** Which credentials a route demands before its endpoint runs. */
public enum Access {
    /** {@code Bearer <ProjectID>[:...]}; endpoints needing a refresh JWT ask {@link Authenticator} themselves. */
    PROJECT,
    /** No credentials needed (the JWKS); an {@code Authorization} or project header that is sent must still fit. */
    PUBLIC,
    /** {@code Bearer <ProjectID>:<ManagementKey>}. */
    MANAGEMENT,
    /** Emulator control routes under {@code /emulator/}: no credentials, no faults, no rate limits. */
    CONTROL
}
