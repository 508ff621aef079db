package io.descopefilter.core;

/** The two Descope user tokens, told apart by their {@code drn} claim (contract §7). */
public enum TokenKind {
    SESSION("DS"),
    REFRESH("DSR");

    private final String drn;

    TokenKind(String drn) {
        this.drn = drn;
    }

    /** The {@code drn} claim value a token of this kind carries. */
    public String drn() {
        return drn;
    }
}
