package io.descopefilter.jakarta;

import io.descopefilter.jakarta.internal.FilterComponents;
import io.descopefilter.jakarta.internal.StartupCheck;
import io.descopefilter.core.internal.config.InvalidSettingException;
import io.descopefilter.jakarta.internal.http.RequestPath;
import io.descopefilter.jakarta.internal.config.FilterConfiguration;
import io.descopefilter.jakarta.internal.config.ObservabilitySettings;
import io.descopefilter.core.internal.events.EventDispatcher;
import io.descopefilter.jakarta.internal.cdi.CdiIntegration;
import io.descopefilter.jakarta.internal.events.FilterEvents;
import io.descopefilter.jakarta.internal.events.ListenerClasses;
import io.descopefilter.jakarta.internal.http.AmbiguousPathGuard;
import io.descopefilter.jakarta.internal.session.DescopeRequest;
import io.descopefilter.jakarta.internal.Endpoint;
import io.descopefilter.jakarta.internal.pages.Pages;
import io.descopefilter.jakarta.internal.session.ResolvedSession;
import io.descopefilter.jakarta.internal.session.SessionGate;
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
import java.util.Map;
import java.util.Optional;

/**
 * Descope link login for any web application. Map it to {@code /*} for the REQUEST, FORWARD, INCLUDE, ERROR and
 * ASYNC dispatchers. Each request walks five steps, each done by a small class:
 * <ol>
 *   <li>guard: an ambiguous raw URI is refused with 400 ({@code AmbiguousPathGuard});</li>
 *   <li>own routes: link landing, enchanted landing, poll and logout are answered here;</li>
 *   <li>session: found, validated and if need be refreshed ({@code SessionResolver});</li>
 *   <li>access: a protected path without a session gets the login redirect or a 401 ({@code AccessPolicy},
 *       {@code Challenge});</li>
 *   <li>wrap: the application sees a request whose {@link DescopePrincipal} comes only from the session.</li>
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
    private DescopeLinks publishedLinks;
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
        FilterConfiguration configuration;
        EventDispatcher events = new EventDispatcher();
        ObservabilitySettings observability;
        try {
            configuration = FilterConfiguration.read(givenSettings, filterConfig::getInitParameter,
                    servletContext::getInitParameter);
            observability = ObservabilitySettings.from(FilterConfiguration.sources(givenSettings,
                    filterConfig::getInitParameter, servletContext::getInitParameter), configuration.routes());
            ListenerClasses.instantiate(observability.listenerClasses(), applicationClassLoader())
                    .forEach(events::add);
        } catch (InvalidSettingException e) {
            LOG.log(Level.ERROR, "DescopeAuthFilter cannot start: {0}", e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
        CdiIntegration.listener(servletContext).ifPresent(events::add);
        FilterComponents built;
        try {
            built = FilterComponents.build(configuration, clock, new FilterEvents(events, observability.loginIds()),
                    observability.healthPath());
        } catch (InvalidSettingException e) {
            // The store setting names no store on the class path, or the store cannot be opened.
            LOG.log(Level.ERROR, "DescopeAuthFilter cannot start: {0}", e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
        try {
            StartupCheck.run(built.client(), configuration);
        } catch (ServletException e) {
            built.close();
            throw e;
        }
        if (servletContext.getAttribute(DescopeLinks.CONTEXT_ATTRIBUTE) != null) {
            LOG.log(Level.WARNING, "A second DescopeAuthFilter replaces the DescopeLinks of the first one");
        }
        DescopeLinks links = new DescopeLinks(built.links(), built.sessionActions(), events, built.readiness());
        servletContext.setAttribute(DescopeLinks.CONTEXT_ATTRIBUTE, links);
        servletContext.setAttribute(SessionGate.CONTEXT_ATTRIBUTE, built.gate());
        components = built;
        publishedLinks = links;
        // @Inject DescopeLinks reads the instance from this context from now on, on any thread.
        CdiIntegration.bindLinks(servletContext);
        LOG.log(Level.INFO, "DescopeAuthFilter ready for project {0} at {1} (store {2}, landing mode {3}, shared "
                        + "state {4})", configuration.client().projectId(), configuration.publicBaseUrl(),
                configuration.sessionStore(), configuration.landingMode(), built.sharedStore().describe());
    }

    /** The web application's class loader, where the classes {@code eventListeners} names live. */
    private ClassLoader applicationClassLoader() {
        ClassLoader application = null;
        try {
            application = servletContext.getClassLoader();
        } catch (RuntimeException | LinkageError e) {
            // a container that does not say: the thread's loader is the application's during init
        }
        if (application == null) {
            application = Thread.currentThread().getContextClassLoader();
        }
        return application != null ? application : DescopeAuthFilter.class.getClassLoader();
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
        // 1. guard
        if (fromClient && AmbiguousPathGuard.isAmbiguous(request.getRequestURI())) {
            parts.writer().write(request, response, Pages.ambiguousRequest());
            return;
        }
        // 2. own routes
        String path = RequestPath.of(request);
        Optional<Endpoint> endpoint = fromClient ? parts.endpoint(path) : Optional.empty();
        if (endpoint.isPresent()) {
            parts.writer().write(request, response, endpoint.get().handle(request, response));
            return;
        }
        // 3. session: a later dispatch reuses the wrapper of the first one; a request the Jakarta Security bridge
        //    resolved before the chain keeps the bridge's session and principal
        Optional<DescopeRequest> alreadyWrapped = DescopeRequest.find(request);
        Optional<DescopeRequest> bridged = alreadyWrapped.isPresent() ? Optional.empty()
                : DescopeRequest.resolvedByBridge(request);
        Optional<ResolvedSession> resolved = alreadyWrapped.isPresent() ? Optional.empty()
                : bridged.isPresent() ? bridged.get().resolved() : resolve(parts, request, response);
        boolean signedIn = alreadyWrapped.isPresent() ? alreadyWrapped.get().session().isPresent()
                : resolved.isPresent();
        // 4. access
        if (!signedIn && parts.access().requiresSession(path)) {
            parts.writer().write(request, response,
                    parts.challenge().of(request, path, fromClient ? request.getQueryString() : null));
            return;
        }
        if (signedIn && parts.hasRoleRules() && parts.forbids(path, alreadyWrapped.isPresent()
                ? alreadyWrapped.get().session().orElseThrow() : resolved.get().session())) {
            parts.writer().write(request, response, parts.challenge().forbidden(request));
            return;
        }
        if (fromClient && resolved.isPresent() && parts.needsStepUp(path, resolved.get())) {
            parts.writer().write(request, response, parts.challenge().stepUp(request, path, request.getQueryString()));
            return;
        }
        // 5. wrap
        if (alreadyWrapped.isPresent()) {
            chain.doFilter(request, response);
            return;
        }
        resolved.ifPresent(r -> request.setAttribute(RequestAttributes.SESSION, r.session()));
        chain.doFilter(bridged.isPresent() ? bridged.get()
                : new DescopeRequest(request, response, resolved.orElse(null), parts.requestActions()), response);
    }

    private static Optional<ResolvedSession> resolve(FilterComponents parts, HttpServletRequest request,
                                                     HttpServletResponse response) {
        // Only the filter sets this attribute; whatever came before us is not believed (SE-09).
        request.removeAttribute(RequestAttributes.SESSION);
        return parts.resolver().resolve(request, response);
    }

    @Override
    public void destroy() {
        FilterComponents parts = components;
        components = null;
        if (parts == null) {
            return;
        }
        if (servletContext != null && servletContext.getAttribute(DescopeLinks.CONTEXT_ATTRIBUTE) == publishedLinks) {
            servletContext.removeAttribute(DescopeLinks.CONTEXT_ATTRIBUTE);
        }
        if (servletContext != null && servletContext.getAttribute(SessionGate.CONTEXT_ATTRIBUTE) == parts.gate()) {
            servletContext.removeAttribute(SessionGate.CONTEXT_ATTRIBUTE);
        }
        parts.close();
    }
}
