package io.descopefilter.emulator.internal.wire;

/** The answer to an embedded-link request. */
public record EmbeddedLinkBody(String token) {

    @Override
    public String toString() {
        return "EmbeddedLinkBody[token=***]";
    }
}
