package io.descopefilter.jakarta.testsupport;

import jakarta.servlet.http.HttpSession;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** One {@code HttpSession}: attributes, an ID that {@code changeSessionId} replaces, and invalidation. */
public final class FakeSession {

    String id;
    private final FakeSessions table;
    private final Map<String, Object> attributes = new HashMap<>();
    private boolean valid = true;

    FakeSession(String id, FakeSessions table) {
        this.id = id;
        this.table = table;
    }

    public String getId() {
        return id;
    }

    public boolean isValid() {
        return valid;
    }

    public Object attribute(String name) {
        return attributes.get(name);
    }

    public void attribute(String name, Object value) {
        attributes.put(name, value);
    }

    HttpSession proxy() {
        return (HttpSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpSession.class},
                (p, m, args) -> {
                    if (!valid && !m.getName().equals("getId")) {
                        throw new IllegalStateException("session invalidated");
                    }
                    return switch (m.getName()) {
                        case "getId" -> id;
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> {
                            attributes.put((String) args[0], args[1]);
                            yield null;
                        }
                        case "removeAttribute" -> {
                            attributes.remove((String) args[0]);
                            yield null;
                        }
                        case "invalidate" -> {
                            valid = false;
                            attributes.clear();
                            table.remove(this);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        case "toString" -> "FakeSession[" + id + "]";
                        default -> throw new UnsupportedOperationException("FakeSession." + m.getName());
                    };
                });
    }
}
