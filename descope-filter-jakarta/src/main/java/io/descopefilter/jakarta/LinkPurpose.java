package io.descopefilter.jakarta;

/** What a link does for the user. */
public enum LinkPurpose {
    /** Sign in an existing user. */
    SIGN_IN,
    /** Create the user, then sign in. */
    SIGN_UP,
    /** Sign in, creating the user first if there is none. */
    SIGN_UP_OR_IN
}
