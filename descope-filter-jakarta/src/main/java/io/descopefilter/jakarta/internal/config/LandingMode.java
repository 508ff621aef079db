package io.descopefilter.jakarta.internal.config;

/**
 * What a GET of a link landing URL does. Only a POST consumes the token in {@link #CONFIRM} and {@link #AUTO},
 * so an email scanner that fetches links cannot use them up; HEAD never consumes in any mode.
 */
public enum LandingMode {
    /** GET shows a page naming the (masked) account with a button that POSTs; the default. */
    CONFIRM,
    /** GET shows a page that submits itself by script, with the button as fallback (scanners that run script consume it). */
    AUTO,
    /** GET consumes the token at once: no scanner protection and no login-CSRF protection. */
    DIRECT
}
