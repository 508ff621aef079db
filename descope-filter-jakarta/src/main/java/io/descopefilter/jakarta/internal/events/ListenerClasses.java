package io.descopefilter.jakarta.internal.events;

import io.descopefilter.core.DescopeEventListener;
import io.descopefilter.core.internal.config.InvalidSettingException;
import io.descopefilter.jakarta.internal.config.FilterSettings;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the listeners named by {@code eventListeners} at start-up: each must be a public class implementing
 * {@link DescopeEventListener} with a public no-argument constructor, loaded by the web application's class
 * loader. Anything else stops the filter with an error naming the class and the fix.
 */
public final class ListenerClasses {

    private ListenerClasses() {
    }

    public static List<DescopeEventListener> instantiate(List<String> names, ClassLoader loader) {
        List<DescopeEventListener> listeners = new ArrayList<>();
        for (String name : names) {
            listeners.add(instantiate(name, loader));
        }
        return listeners;
    }

    private static DescopeEventListener instantiate(String name, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw refused(name, "cannot be loaded (" + e.getClass().getSimpleName() + ")");
        }
        if (!DescopeEventListener.class.isAssignableFrom(type)) {
            throw refused(name, "does not implement " + DescopeEventListener.class.getName());
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw refused(name, "must be a public, non-abstract class");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw refused(name, "has no public no-argument constructor");
        }
        try {
            return (DescopeEventListener) constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw refused(name, "could not be constructed (" + cause.getClass().getSimpleName() + ")");
        }
    }

    private static InvalidSettingException refused(String name, String problem) {
        return new InvalidSettingException(FilterSettings.EVENT_LISTENERS, "names " + name + ", which " + problem
                + ". Fix: list public classes implementing DescopeEventListener with a public no-argument "
                + "constructor.");
    }
}
