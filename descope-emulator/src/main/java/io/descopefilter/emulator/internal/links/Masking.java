package io.descopefilter.emulator.internal.links;

/** Masks addresses the way Descope's responses do: {@code a***@example.com}, {@code +*******0100}. */
public final class Masking {

    private Masking() {
    }

    public static String email(String email) {
        int at = email.indexOf('@');
        if (at < 1) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    public static String phone(String phone) {
        int keep = Math.min(4, phone.length());
        StringBuilder masked = new StringBuilder();
        int start = 0;
        if (phone.startsWith("+")) {
            masked.append('+');
            start = 1;
        }
        masked.append("*".repeat(Math.max(0, phone.length() - keep - start)));
        return masked.append(phone.substring(phone.length() - keep)).toString();
    }
}
