package io.descopefilter.emulator.internal.jwt;

import java.util.Set;

/** Claim names the emulator sets itself; custom claims may not override them. */
final class ClaimNames {

    static final String DRN = "drn";
    static final String AMR = "amr";
    static final String ROLES = "roles";
    static final String PERMISSIONS = "permissions";
    static final String TENANTS = "tenants";
    static final String CURRENT_TENANT = "dct";
    static final String STEP_UP = "su";
    static final String SESSION_DRN = "DS";
    static final String REFRESH_DRN = "DSR";

    static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "iat", "exp", "nbf", "jti", DRN, AMR, ROLES,
            PERMISSIONS, TENANTS, CURRENT_TENANT, STEP_UP, "dsub", "rexp", "cnf");

    private ClaimNames() {
    }
}
