package io.descopefilter.jakarta.testsupport;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** A servlet context with attributes and context-params, and a filter config with init-params. */
public final class FakeServletContext {

    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, String> contextParams = new HashMap<>();
    private final ServletContext proxy = (ServletContext) Proxy.newProxyInstance(
            FakeServletContext.class.getClassLoader(), new Class<?>[] {ServletContext.class}, (p, m, args) ->
                    switch (m.getName()) {
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> {
                            attributes.put((String) args[0], args[1]);
                            yield null;
                        }
                        case "removeAttribute" -> {
                            attributes.remove((String) args[0]);
                            yield null;
                        }
                        case "getInitParameter" -> contextParams.get((String) args[0]);
                        case "getContextPath" -> "";
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        case "toString" -> "FakeServletContext";
                        default -> throw new UnsupportedOperationException("ServletContext." + m.getName());
                    });

    public ServletContext proxy() {
        return proxy;
    }

    public FakeServletContext contextParam(String name, String value) {
        contextParams.put(name, value);
        return this;
    }

    /** A filter config of this context with the given init-params. */
    public FilterConfig filterConfig(Map<String, String> initParams) {
        Map<String, String> params = Map.copyOf(initParams);
        return (FilterConfig) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {FilterConfig.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getInitParameter" -> params.get((String) args[0]);
                    case "getInitParameterNames" -> Collections.enumeration(params.keySet());
                    case "getServletContext" -> proxy;
                    case "getFilterName" -> "descope";
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> throw new UnsupportedOperationException("FilterConfig." + m.getName());
                });
    }
}
