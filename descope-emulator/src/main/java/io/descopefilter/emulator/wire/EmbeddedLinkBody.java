package io.descopefilter.emulator.wire;

/** The answer to an embedded-link request (§4). */
public record EmbeddedLinkBody(String token) {

    @Override
    public String toString() {
        return "EmbeddedLinkBody[token=***]";
    }
}
