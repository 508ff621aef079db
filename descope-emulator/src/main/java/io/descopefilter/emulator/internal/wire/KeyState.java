package io.descopefilter.emulator.internal.wire;

import java.util.List;

/** The answer of the key-rotation control calls: the signing kid and every published kid. */
public record KeyState(String signingKid, List<String> publishedKids) {
}
