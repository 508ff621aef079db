package io.descopefilter.emulator.internal.links;

import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ErrorCode;
import java.util.Locale;

/** How a link travels; the name is the path suffix, the outbox channel and the {@code amr} value. */
public enum DeliveryChannel {
    EMAIL, SMS, WHATSAPP, VOICE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isEmail() {
        return this == EMAIL;
    }

    /** The channel named by a path segment such as {@code sms}; anything else is a bad request. */
    public static DeliveryChannel fromPath(String segment) {
        for (DeliveryChannel channel : values()) {
            if (channel.wireName().equals(segment)) {
                return channel;
            }
        }
        throw new ApiException(ErrorCode.INVALID_ARGUMENT, "Unsupported delivery method");
    }
}
