package io.descopefilter.core;

import java.util.Objects;

/**
 * A {@link DescopeClientConfig} or {@link SessionValidatorConfig} value was refused. {@link #field()} names the
 * component at fault ({@code projectId}, {@code managementKey}, {@code baseUrl}, {@code leeway}, ...), so that a
 * caller reading settings can blame the right one. The message names the field and the rule, never the value
 * (it may be a secret).
 */
public final class InvalidConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidConfigException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The name of the configuration component that was refused, as spelled by its builder method. */
    public String field() {
        return field;
    }
}
