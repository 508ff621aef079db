package io.descopefilter.emulator.internal.endpoints;

import io.descopefilter.emulator.internal.http.Access;
import io.descopefilter.emulator.internal.http.ApiRequest;
import io.descopefilter.emulator.internal.http.ApiResponse;
import io.descopefilter.emulator.internal.http.Route;
import io.descopefilter.emulator.internal.links.DeliveryChannel;
import io.descopefilter.emulator.internal.links.LinkLogins.Mode;
import io.descopefilter.emulator.internal.links.LinkSender;
import io.descopefilter.emulator.internal.links.LinkVerifier;
import io.descopefilter.emulator.internal.links.Masking;
import io.descopefilter.emulator.internal.links.PendingSessions;
import io.descopefilter.emulator.internal.session.SessionService;
import io.descopefilter.emulator.internal.wire.EnchantedLinkBody;
import java.util.List;

/** {@code /v1/auth/enchantedlink/*}, email only. */
final class EnchantedLinkEndpoints {

    private static final String BASE = "/v1/auth/enchantedlink";

    private final LinkPreparation preparation;
    private final LinkSender sender;
    private final LinkVerifier verifier;
    private final PendingSessions pendingSessions;
    private final SessionService sessions;

    EnchantedLinkEndpoints(LinkPreparation preparation, LinkSender sender, LinkVerifier verifier,
                           PendingSessions pendingSessions, SessionService sessions) {
        this.preparation = preparation;
        this.sender = sender;
        this.verifier = verifier;
        this.pendingSessions = pendingSessions;
        this.sessions = sessions;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", BASE + "/signup/email", Access.PROJECT, request -> send(Mode.SIGN_UP, request)),
                new Route("POST", BASE + "/signin/email", Access.PROJECT, request -> send(Mode.SIGN_IN, request)),
                new Route("POST", BASE + "/signup-in/email", Access.PROJECT,
                        request -> send(Mode.SIGN_UP_OR_IN, request)),
                new Route("POST", BASE + "/verify", Access.PROJECT, this::verify),
                new Route("POST", BASE + "/pending-session", Access.PROJECT, this::pendingSession),
                new Route("POST", BASE + "/update/email", Access.PROJECT,
                        request -> deliver(preparation.update(DeliveryChannel.EMAIL, request))));
    }

    private ApiResponse send(Mode mode, ApiRequest request) {
        return deliver(preparation.login(mode, DeliveryChannel.EMAIL, request));
    }

    private ApiResponse verify(ApiRequest request) {
        verifier.verifyEnchantedLink(request.body().requiredString("token"));
        return ApiResponse.rawJson("{}");
    }

    private ApiResponse pendingSession(ApiRequest request) {
        String pendingRef = request.body().requiredString("pendingRef");
        return ApiResponse.json(sessions.login(pendingSessions.collect(pendingRef)));
    }

    private ApiResponse deliver(LinkPreparation.PreparedLink link) {
        LinkSender.EnchantedSend sent = sender.sendEnchantedLinks(link.address(), link.redirectUri(), link.grant(),
                link.change(), link.messageOptions());
        return ApiResponse.json(
                new EnchantedLinkBody(sent.pendingRef(), sent.linkId(), Masking.email(link.address())));
    }
}
