package io.descopefilter.jakarta.internal.send;

import io.descopefilter.core.DeliveryMethod;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks, normalises and masks the login IDs users type (SL-06): email addresses for email links, E.164 phone
 * numbers for SMS, WhatsApp and voice. Only ASCII is accepted, so look-alike characters cannot name a second
 * account that reads like the first.
 */
public final class LoginIds {

    private static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[ ().-]");

    private LoginIds() {
    }

    /** The login ID for {@code method}, trimmed (phones also without spaces, dots, dashes, parentheses). */
    public static String forMethod(DeliveryMethod method, String raw) {
        return method == DeliveryMethod.EMAIL ? email(raw) : phone(raw);
    }

    /** A trimmed email address; fails with a message fit for the user when it is not one. */
    public static String email(String raw) {
        String email = raw == null ? "" : raw.strip();
        if (email.isEmpty() || email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("Enter a valid email address.");
        }
        return email;
    }

    /** An E.164 phone number such as {@code +15555550100}; common punctuation is removed first. */
    public static String phone(String raw) {
        String phone = raw == null ? "" : PHONE_PUNCTUATION.matcher(raw.strip()).replaceAll("");
        if (phone.length() > 16 || !E164.matcher(phone).matches()) {
            throw new IllegalArgumentException("Enter a phone number in international format, such as +15555550100.");
        }
        return phone;
    }

    /**
     * The key sends are counted under: the canonical inbox. Lower case, and for email without a {@code +tag}, so
     * that {@code a+1@x.com}, {@code a+2@x.com} ... all count against the one inbox they reach; where the provider
     * is known to ignore dots in the local part (Gmail: {@code gmail.com}, {@code googlemail.com}) without the dots
     * too, and with one domain, so {@code a.l.i.c.e@googlemail.com} counts as {@code alice@gmail.com}.
     */
    public static String limitKey(String loginId) {
        String key = loginId.toLowerCase(Locale.ROOT);
        int at = key.lastIndexOf('@');
        if (at <= 0) {
            return key;
        }
        String local = key.substring(0, at);
        String domain = key.substring(at + 1);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            String undotted = local.replace(".", "");
            local = undotted.isEmpty() ? local : undotted;
            domain = "gmail.com";
        }
        return local + "@" + domain;
    }

    /**
     * A masked form safe to show and to carry in a link ({@code a***@example.com}, {@code +***00}), the same
     * whatever the case of the input, so that a hint made at send time can be compared with the verified user.
     */
    public static String mask(String loginId) {
        if (loginId == null || loginId.isEmpty()) {
            return "";
        }
        String id = loginId.strip().toLowerCase(Locale.ROOT);
        int at = id.lastIndexOf('@');
        if (at > 0) {
            return id.charAt(0) + "***" + id.substring(at);
        }
        if (id.startsWith("+") && id.length() > 3) {
            return "+***" + id.substring(id.length() - 2);
        }
        return id.isEmpty() ? "" : id.charAt(0) + "***";
    }
}
