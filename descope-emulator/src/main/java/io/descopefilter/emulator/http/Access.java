package io.descopefilter.emulator.http;

/** Which credentials a route demands before its endpoint runs. */
public enum Access {
    /** {@code Bearer <ProjectID>[:...]}; endpoints needing a refresh JWT ask {@link Authenticator} themselves. */
    PROJECT,
    /** {@code Bearer <ProjectID>:<ManagementKey>}. */
    MANAGEMENT,
    /** Emulator control routes under {@code /emulator/}: no credentials, no faults, no rate limits. */
    CONTROL
}
