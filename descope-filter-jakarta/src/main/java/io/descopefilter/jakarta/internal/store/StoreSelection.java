package io.descopefilter.jakarta.internal.store;

import io.descopefilter.core.internal.config.InvalidSettingException;
import io.descopefilter.core.internal.store.GuardedStore;
import io.descopefilter.core.internal.store.MemoryStore;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.SharedStoreProvider;
import io.descopefilter.core.store.StoreUnavailableException;
import io.descopefilter.jakarta.internal.config.FilterSettings;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Opens the store the {@code store} setting names: {@code memory}, or the {@link SharedStoreProvider} of that
 * {@link SharedStoreProvider#name() name} found on the class path, put behind a {@link GuardedStore} so that its
 * failures are handled like Descope's. A name nothing answers to stops the filter with the names that would.
 */
public final class StoreSelection {

    public static final String MEMORY = "memory";

    private StoreSelection() {
    }

    public static SharedStore open(String name, Function<String, String> settings, Clock clock) {
        String chosen = name == null ? MEMORY : name.trim();
        if (chosen.equalsIgnoreCase(MEMORY)) {
            return new MemoryStore(clock);
        }
        List<String> available = new ArrayList<>(List.of(MEMORY));
        for (SharedStoreProvider provider : providers()) {
            if (provider.name().equalsIgnoreCase(chosen)) {
                return new GuardedStore(open(provider, settings));
            }
            available.add(provider.name());
        }
        throw new InvalidSettingException(FilterSettings.STORE, "names no store on the class path: '"
                + chosen.replaceAll("\\p{Cntrl}", "?") + "'. Stores found: " + String.join(", ", available)
                + " (add the store's module to the application, e.g. descope-filter-store-" + chosen + ").");
    }

    private static SharedStore open(SharedStoreProvider provider, Function<String, String> settings) {
        try {
            SharedStore store = provider.open(settings);
            if (store == null) {
                throw new InvalidSettingException(FilterSettings.STORE, "'" + provider.name() + "' opened no store.");
            }
            return store;
        } catch (InvalidSettingException e) {
            // A store module reading its settings through core's Settings: the message names the setting already.
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(FilterSettings.STORE, "'" + provider.name() + "' is not configured "
                    + "right: " + e.getMessage());
        } catch (StoreUnavailableException e) {
            throw new InvalidSettingException(FilterSettings.STORE, "'" + provider.name() + "' cannot be reached: "
                    + e.getMessage());
        }
    }

    private static List<SharedStoreProvider> providers() {
        List<SharedStoreProvider> found = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ServiceLoader.load(SharedStoreProvider.class, context != null ? context
                : StoreSelection.class.getClassLoader()).forEach(found::add);
        if (found.isEmpty() && context != null) {
            ServiceLoader.load(SharedStoreProvider.class, StoreSelection.class.getClassLoader()).forEach(found::add);
        }
        return found;
    }
}
