package io.descopefilter.it.app;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.LoginOptions;
import io.descopefilter.jakarta.DescopeLinks;
import io.descopefilter.jakarta.EnchantedLinkStarted;
import io.descopefilter.jakarta.LinkPurpose;
import io.descopefilter.jakarta.LinkSent;
import io.descopefilter.jakarta.SendOutcome;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.owasp.encoder.Encode;

/**
 * The test app's login page, written as README tells an application to: it reaches the filter's
 * {@link DescopeLinks} through {@code DescopeLinks.from(getServletContext())} (no CDI needed), renders the CSRF
 * token in its form and checks it on POST.
 *
 * <ul>
 *   <li>{@code GET /login?next=..&loginId=..}: the form.</li>
 *   <li>{@code POST /login} with {@code loginId}, {@code method} (EMAIL, SMS, WHATSAPP, VOICE), {@code purpose}
 *       (SIGN_IN, SIGN_UP, SIGN_UP_OR_IN), {@code kind} (magic or enchanted), {@code next}, and optionally
 *       {@code tenant} and {@code claim} (login options): sends the link and answers JSON with the outcome (and the
 *       enchanted link's number).</li>
 *   <li>{@code GET /login/embedded?loginId=..&next=..&claim=..}: an embedded sign-in URL, as a back office would
 *       make one to deliver itself. Test-only: a real app never hands such URLs to anonymous callers.</li>
 *   <li>{@code POST /login/unchecked}: the same as {@code POST /login} without the page's own CSRF check, as an
 *       application that forgot it would be: {@code DescopeLinks} must refuse by itself (HW-08).</li>
 * </ul>
 */
public class LoginPageServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DescopeLinks links = DescopeLinks.from(getServletContext());
        if ("/invite".equals(request.getPathInfo())) {
            String url = links.embeddedSignUpLinkUrl(request.getParameter("loginId"),
                    io.descopefilter.core.SignUpUser.named(request.getParameter("name")),
                    LoginOptions.builder().customClaims(Map.of("testClaim", request.getParameter("claim"))).build(),
                    Duration.ofMinutes(5), request.getParameter("next"));
            JsonResponses.write(response, 200, Json.createObjectBuilder().add("url", url).build());
            return;
        }
        if ("/embedded".equals(request.getPathInfo())) {
            Map<String, Object> claims = new LinkedHashMap<>();
            String claim = request.getParameter("claim");
            if (claim != null) {
                claims.put("testClaim", claim);
            }
            String url = links.embeddedLinkUrl(request.getParameter("loginId"), claims, Duration.ofMinutes(5),
                    request.getParameter("next"));
            JsonResponses.write(response, 200, Json.createObjectBuilder().add("url", url).build());
            return;
        }
        String csrf = links.csrfToken(request, response);
        String next = JsonResponses.orEmpty(request.getParameter("next"));
        String loginId = JsonResponses.orEmpty(request.getParameter("loginId"));
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("""
                <!doctype html><html><head><title>Sign in</title></head><body>
                <form method="post" action="%s/login">
                <input type="hidden" name="csrf" value="%s">
                <input type="hidden" name="next" value="%s">
                <input type="hidden" name="method" value="EMAIL">
                <input type="hidden" name="purpose" value="SIGN_IN">
                <input type="hidden" name="kind" value="magic">
                <input type="text" name="loginId" value="%s">
                <button type="submit">Email me a link</button>
                </form></body></html>
                """.formatted(Encode.forHtmlAttribute(request.getContextPath()), Encode.forHtmlAttribute(csrf),
                Encode.forHtmlAttribute(next), Encode.forHtmlAttribute(loginId)));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DescopeLinks links = DescopeLinks.from(getServletContext());
        boolean checksCsrf = !"/unchecked".equals(request.getPathInfo());
        if (checksCsrf && !links.isValidCsrf(request)) {
            JsonResponses.write(response, 403, Json.createObjectBuilder().add("outcome", "CSRF").build());
            return;
        }
        String loginId = request.getParameter("loginId");
        String next = request.getParameter("next");
        LinkPurpose purpose = LinkPurpose.valueOf(parameter(request, "purpose", "SIGN_IN"));
        LoginOptions options = loginOptions(request);
        if ("enchanted".equals(request.getParameter("kind"))) {
            EnchantedLinkStarted started = links.startEnchantedLink(request, purpose, loginId, next, options);
            answer(response, started.outcome(), started.retryAfterSeconds(), Json.createObjectBuilder()
                    .add("linkId", started.linkId())
                    .add("maskedAddress", started.maskedEmail())
                    .add("message", started.message()));
            return;
        }
        DeliveryMethod method = DeliveryMethod.valueOf(parameter(request, "method", "EMAIL"));
        LinkSent sent = links.sendMagicLink(request, method, purpose, loginId, next, options);
        answer(response, sent, Json.createObjectBuilder());
    }

    /**
     * Maps a send outcome to an HTTP answer: 200 accepted, 400 bad input, 429 try later, 401 not signed in or
     * sign in again, 403 not from this site.
     */
    static void answer(HttpServletResponse response, LinkSent sent, JsonObjectBuilder json) throws IOException {
        answer(response, sent.outcome(), sent.retryAfterSeconds(), json
                .add("maskedAddress", sent.maskedAddress())
                .add("message", sent.message()));
    }

    private static void answer(HttpServletResponse response, SendOutcome outcome, long retryAfterSeconds,
                               JsonObjectBuilder json) throws IOException {
        int status = switch (outcome) {
            case ACCEPTED -> 200;
            case INVALID_INPUT -> 400;
            case TRY_LATER -> 429;
            case NOT_SIGNED_IN -> 401;
            case NOT_FROM_THIS_SITE -> 403;
            case SIGN_IN_AGAIN -> 401;
        };
        if (outcome == SendOutcome.TRY_LATER) {
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        JsonResponses.write(response, status, json.add("outcome", outcome.name())
                .add("retryAfterSeconds", retryAfterSeconds).build());
    }

    /** {@code tenant} signs in to that tenant (the session's current tenant); {@code claim} adds a custom claim. */
    private static LoginOptions loginOptions(HttpServletRequest request) {
        LoginOptions.Builder options = LoginOptions.builder();
        String tenant = request.getParameter("tenant");
        if (tenant != null && !tenant.isBlank()) {
            options.tenantId(tenant);
        }
        String claim = request.getParameter("claim");
        if (claim != null && !claim.isBlank()) {
            options.customClaims(Map.of("testClaim", claim));
        }
        String template = request.getParameter("template");
        if (template != null && !template.isBlank()) {
            options.templateId(template);
        }
        String locale = request.getParameter("locale");
        if (locale != null && !locale.isBlank()) {
            options.locale(locale);
        }
        if ("true".equals(request.getParameter("revokeOthers"))) {
            options.revokeOtherSessions(true);
        }
        return options.build();
    }

    private static String parameter(HttpServletRequest request, String name, String fallback) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? fallback : value.toUpperCase(Locale.ROOT);
    }
}
