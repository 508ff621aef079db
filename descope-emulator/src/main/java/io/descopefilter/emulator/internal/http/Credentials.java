package io.descopefilter.emulator.internal.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The parts of {@code Authorization: Bearer <ProjectID>[:<second>[:<third>]]}. Never printed. */
public record Credentials(List<String> parts) {

    public static Optional<Credentials> parse(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Optional.empty();
        }
        String value = authorization.substring(7).trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(List.of(value.split(":", -1))));
    }

    public String projectId() {
        return parts.get(0);
    }

    /** The part after the project ID: a management key or a refresh JWT, depending on the call. */
    public Optional<String> second() {
        return parts.size() > 1 && !parts.get(1).isEmpty() ? Optional.of(parts.get(1)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Credentials[***]";
    }
}
