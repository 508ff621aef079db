package io.descopefilter.jakarta.internal.config;

import io.descopefilter.core.internal.config.InvalidSettingException;
import io.descopefilter.core.internal.config.Settings;

import java.util.List;
import java.util.Optional;

/**
 * The settings of events and health: listener classes ({@code eventListeners}), what events carry of a login ID
 * ({@code eventLoginIds}) and the readiness endpoint ({@code healthPath}, off unless set).
 */
public record ObservabilitySettings(List<String> listenerClasses, EventLoginIds loginIds,
                                    Optional<String> healthPath) {

    public ObservabilitySettings {
        listenerClasses = List.copyOf(listenerClasses);
    }

    /** No listeners, masked login IDs, no health endpoint. */
    public static final ObservabilitySettings NONE = new ObservabilitySettings(List.of(), EventLoginIds.MASKED,
            Optional.empty());

    /** Reads and checks the settings; the health path must not be one of the filter's other paths. */
    public static ObservabilitySettings from(Settings settings, Routes routes) {
        Optional<String> health = settings.find(FilterSettings.HEALTH_PATH)
                .map(path -> FilterConfiguration.checkedAppPath(FilterSettings.HEALTH_PATH, path));
        if (health.isPresent() && (routes.isAlwaysPublic(health.get()) || health.get().equals("/"))) {
            throw new InvalidSettingException(FilterSettings.HEALTH_PATH,
                    "must differ from the login page, the error page, the root and the filter's other paths.");
        }
        for (String name : settings.get(FilterSettings.EVENT_LISTENERS)) {
            if (!name.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*")) {
                throw new InvalidSettingException(FilterSettings.EVENT_LISTENERS,
                        "must list fully qualified class names, such as com.example.AuditListener.");
            }
        }
        return new ObservabilitySettings(settings.get(FilterSettings.EVENT_LISTENERS),
                settings.get(FilterSettings.EVENT_LOGIN_IDS), health);
    }
}
