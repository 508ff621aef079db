package io.descopefilter.it.app;

import io.descopefilter.core.DescopeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A CDI observer of the filter's events, as an application writes one: it keeps the kinds it saw. */
@ApplicationScoped
public class EventObserver {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    void on(@Observes DescopeEvent event) {
        seen.add(event.getClass().getSimpleName());
    }

    public List<String> seen() {
        return List.copyOf(seen);
    }
}
