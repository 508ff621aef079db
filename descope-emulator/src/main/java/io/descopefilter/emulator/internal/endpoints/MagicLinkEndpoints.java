package io.descopefilter.emulator.internal.endpoints;

import io.descopefilter.emulator.internal.http.Access;
import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ErrorCode;
import io.descopefilter.emulator.internal.http.ApiRequest;
import io.descopefilter.emulator.internal.http.ApiResponse;
import io.descopefilter.emulator.internal.http.Route;
import io.descopefilter.emulator.internal.links.DeliveryChannel;
import io.descopefilter.emulator.internal.links.LinkLogins.Mode;
import io.descopefilter.emulator.internal.links.LinkSender;
import io.descopefilter.emulator.internal.links.LinkVerifier;
import io.descopefilter.emulator.internal.links.Masking;
import io.descopefilter.emulator.internal.wire.MaskedDelivery;
import java.util.List;

/** {@code /v1/auth/magiclink/*}. */
final class MagicLinkEndpoints {

    private static final String BASE = "/v1/auth/magiclink";

    private final LinkPreparation preparation;
    private final LinkSender sender;
    private final LinkVerifier verifier;

    MagicLinkEndpoints(LinkPreparation preparation, LinkSender sender, LinkVerifier verifier) {
        this.preparation = preparation;
        this.sender = sender;
        this.verifier = verifier;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", BASE + "/signup/{method}", Access.PROJECT, request -> send(Mode.SIGN_UP, request)),
                new Route("POST", BASE + "/signin/{method}", Access.PROJECT, request -> send(Mode.SIGN_IN, request)),
                new Route("POST", BASE + "/signup-in/{method}", Access.PROJECT,
                        request -> send(Mode.SIGN_UP_OR_IN, request)),
                new Route("POST", BASE + "/verify", Access.PROJECT, this::verify),
                new Route("POST", BASE + "/update/email", Access.PROJECT,
                        request -> update(DeliveryChannel.EMAIL, request)),
                new Route("POST", BASE + "/update/phone/{method}", Access.PROJECT, this::updatePhone));
    }

    private ApiResponse send(Mode mode, ApiRequest request) {
        DeliveryChannel channel = DeliveryChannel.fromPath(request.pathParam("method"));
        return deliver(preparation.login(mode, channel, request));
    }

    private ApiResponse verify(ApiRequest request) {
        return ApiResponse.json(verifier.verifyMagicLink(request.body().requiredString("token")));
    }

    private ApiResponse updatePhone(ApiRequest request) {
        DeliveryChannel channel = DeliveryChannel.fromPath(request.pathParam("method"));
        if (channel != DeliveryChannel.SMS && channel != DeliveryChannel.WHATSAPP) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT,
                    "Phone updates are delivered by sms or whatsapp");
        }
        return update(channel, request);
    }

    private ApiResponse update(DeliveryChannel channel, ApiRequest request) {
        return deliver(preparation.update(channel, request));
    }

    private ApiResponse deliver(LinkPreparation.PreparedLink link) {
        sender.sendMagicLink(link.channel(), link.address(), link.redirectUri(), link.grant(), link.change(),
                link.messageOptions());
        return ApiResponse.json(link.channel().isEmail() ? MaskedDelivery.email(Masking.email(link.address()))
                : MaskedDelivery.phone(Masking.phone(link.address())));
    }
}
