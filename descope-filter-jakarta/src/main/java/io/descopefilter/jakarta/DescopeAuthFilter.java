package io.descopefilter.jakarta;

import io.descopefilter.core.config.InvalidSettingException;
import io.descopefilter.core.config.SettingSource;
import io.descopefilter.core.config.Settings;
import io.descopefilter.core.session.DescopeSession;
import io.descopefilter.jakarta.access.AmbiguousRequest;
import io.descopefilter.jakarta.access.RequestPath;
import io.descopefilter.jakarta.config.FilterConfiguration;
import io.descopefilter.jakarta.guard.AmbiguousPathGuard;
import io.descopefilter.jakarta.links.DescopeLinks;
import io.descopefilter.jakarta.principal.DescopeRequest;
import io.descopefilter.jakarta.web.RequestAttributes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Descope link login for any web application. Map it to {@code /*} for the REQUEST, FORWARD, INCLUDE, ERROR and
 * ASYNC dispatchers. Each request walks five steps, each done by a small class:
 * <ol>
 *   <li>guard: an ambiguous raw URI is refused with 400 ({@link AmbiguousPathGuard});</li>
 *   <li>own routes: link landing, enchanted landing, poll and logout are answered here;</li>
 *   <li>session: found, validated and if need be refreshed ({@code SessionResolver});</li>
 *   <li>access: a protected path without a session gets the login redirect or a 401 ({@code AccessPolicy},
 *       {@code Challenge});</li>
 *   <li>wrap: the application sees a {@link DescopeRequest} whose principal comes only from the session.</li>
 * </ol>
 * Settings come from init-params, context-params, system properties and environment variables, or from the map
 * given to {@link #DescopeAuthFilter(Map)}. A missing or invalid setting makes {@link #init} fail, so the
 * application never runs unprotected.
 */
public class DescopeAuthFilter implements Filter {

    private static final System.Logger LOG = System.getLogger(DescopeAuthFilter.class.getName());

    private final Map<String, String> givenSettings;
    private final Clock clock;
    private volatile FilterComponents components;
    private ServletContext servletContext;

    /** For {@code web.xml}: settings from init-params, context-params, system properties and the environment. */
    public DescopeAuthFilter() {
        this(Map.of());
    }

    /** For {@code ServletContext.addFilter}: these settings come first, then the usual sources. */
    public DescopeAuthFilter(Map<String, String> settings) {
        this(settings, Clock.systemUTC());
    }

    /** With the clock that send limits, verify throttling and enchanted link expiry run on (tests move it). */
    DescopeAuthFilter(Map<String, String> settings, Clock clock) {
        this.givenSettings = Map.copyOf(settings);
        this.clock = clock;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        servletContext = filterConfig.getServletContext();
        Settings settings = new Settings(List.of(
                SettingSource.of(givenSettings),
                SettingSource.named("init-param", filterConfig::getInitParameter),
                SettingSource.named("context-param", servletContext::getInitParameter),
                SettingSource.systemProperties(),
                SettingSource.environment()));
        FilterConfiguration configuration;
        try {
            configuration = FilterConfiguration.from(settings);
        } catch (InvalidSettingException e) {
            LOG.log(Level.ERROR, "DescopeAuthFilter cannot start: {0}", e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
        FilterComponents built = FilterComponents.build(configuration, clock);
        try {
            StartupCheck.run(built.client(), configuration);
        } catch (ServletException e) {
            built.close();
            throw e;
        }
        if (servletContext.getAttribute(DescopeLinks.CONTEXT_ATTRIBUTE) != null) {
            LOG.log(Level.WARNING, "A second DescopeAuthFilter replaces the DescopeLinks of the first one");
        }
        servletContext.setAttribute(DescopeLinks.CONTEXT_ATTRIBUTE, built.links());
        components = built;
        LOG.log(Level.INFO, "DescopeAuthFilter ready for project {0} at {1} (store {2}, landing mode {3})",
                configuration.client().projectId(), configuration.publicBaseUrl(), configuration.sessionStore(),
                configuration.landingMode());
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        FilterComponents parts = components;
        if (parts == null) {
            throw new ServletException("DescopeAuthFilter was not initialised");
        }
        if (!(servletRequest instanceof HttpServletRequest request)
                || !(servletResponse instanceof HttpServletResponse response)) {
            throw new ServletException("DescopeAuthFilter handles HTTP requests only");
        }
        boolean fromClient = request.getDispatcherType() == DispatcherType.REQUEST;
        if (fromClient && AmbiguousPathGuard.isAmbiguous(request.getRequestURI())) {
            AmbiguousRequest.refuse(response);
            return;
        }
        String path = RequestPath.of(request);
        if (fromClient && parts.routes().isOwnEndpoint(path)) {
            handleOwnRoute(parts, path, request, response);
            return;
        }
        Optional<DescopeRequest> alreadyWrapped = DescopeRequest.find(request);
        Optional<DescopeSession> session = alreadyWrapped.isPresent()
                ? alreadyWrapped.get().session()
                : resolve(parts, request, response);
        if (session.isEmpty() && parts.access().requiresSession(path)) {
            parts.challenge().send(request, response, path, fromClient ? request.getQueryString() : null);
            return;
        }
        if (alreadyWrapped.isPresent()) {
            chain.doFilter(request, response);
            return;
        }
        session.ifPresent(s -> request.setAttribute(RequestAttributes.SESSION, s));
        chain.doFilter(new DescopeRequest(request, response, session.orElse(null), parts.requestActions()),
                response);
    }

    private static Optional<DescopeSession> resolve(FilterComponents parts, HttpServletRequest request,
                                                    HttpServletResponse response) {
        // Only the filter sets this attribute; whatever came before us is not believed (SE-09).
        request.removeAttribute(RequestAttributes.SESSION);
        return parts.resolver().resolve(request, response);
    }

    private static void handleOwnRoute(FilterComponents parts, String path, HttpServletRequest request,
                                       HttpServletResponse response) throws IOException, ServletException {
        if (path.equals(parts.routes().landingPath())) {
            parts.linkLanding().handle(request, response);
        } else if (path.equals(parts.routes().enchantedLandingPath())) {
            parts.enchantedLanding().handle(request, response);
        } else if (path.equals(parts.routes().pollPath())) {
            parts.poll().handle(request, response);
        } else {
            parts.logout().handle(request, response);
        }
    }

    @Override
    public void destroy() {
        FilterComponents parts = components;
        components = null;
        if (parts == null) {
            return;
        }
        if (servletContext != null && servletContext.getAttribute(DescopeLinks.CONTEXT_ATTRIBUTE) == parts.links()) {
            servletContext.removeAttribute(DescopeLinks.CONTEXT_ATTRIBUTE);
        }
        parts.close();
    }
}
