package io.descopefilter.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A key source serving a JWKS the test controls, counting every fetch. */
final class CountingKeySource implements KeySetSource {

    private final AtomicInteger fetches = new AtomicInteger();
    private volatile Supplier<String> body;

    CountingKeySource(String jwks) {
        serve(jwks);
    }

    void serve(String jwks) {
        this.body = () -> jwks;
    }

    void fail(RuntimeException failure) {
        this.body = () -> {
            throw failure;
        };
    }

    void failWith(Supplier<String> body) {
        this.body = body;
    }

    int fetches() {
        return fetches.get();
    }

    @Override
    public String fetchKeySetJson() {
        fetches.incrementAndGet();
        return body.get();
    }
}
