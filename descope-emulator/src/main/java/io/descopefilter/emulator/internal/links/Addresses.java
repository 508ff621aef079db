package io.descopefilter.emulator.internal.links;

import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ErrorCode;
import java.util.regex.Pattern;

/** Format checks for the email addresses and phone numbers links are sent to. */
public final class Addresses {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,15}");

    private Addresses() {
    }

    public static boolean isEmail(String value) {
        return value != null && value.length() <= 254 && EMAIL.matcher(value).matches();
    }

    public static boolean isPhone(String value) {
        return value != null && PHONE.matcher(value).matches();
    }

    /** The value as an address of this channel, or 400 E011004. */
    public static String require(DeliveryChannel channel, String value) {
        boolean valid = channel.isEmail() ? isEmail(value) : isPhone(value);
        if (!valid) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT,
                    channel.isEmail() ? "A valid email address is required" : "A valid phone number is required");
        }
        return value;
    }
}
