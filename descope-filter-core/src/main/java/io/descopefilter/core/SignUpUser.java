package io.descopefilter.core;

import io.descopefilter.core.internal.http.InputChecks;

/**
 * Profile of a user being signed up (the {@code user} object of contract §2). Every field is optional;
 * {@code email} and {@code phone}, when given, must be a valid address and an E.164 number.
 */
public record SignUpUser(String name, String givenName, String middleName, String familyName, String email,
                         String phone) {

    public static final SignUpUser EMPTY = new SignUpUser(null, null, null, null, null, null);

    public SignUpUser {
        InputChecks.optionalText(name, "name", InputChecks.MAX_TEXT_LENGTH);
        InputChecks.optionalText(givenName, "givenName", InputChecks.MAX_TEXT_LENGTH);
        InputChecks.optionalText(middleName, "middleName", InputChecks.MAX_TEXT_LENGTH);
        InputChecks.optionalText(familyName, "familyName", InputChecks.MAX_TEXT_LENGTH);
        if (email != null) {
            InputChecks.email(email, "user.email");
        }
        if (phone != null) {
            InputChecks.phone(phone, "user.phone");
        }
    }

    /** A user with just a display name. */
    public static SignUpUser named(String name) {
        return new SignUpUser(name, null, null, null, null, null);
    }

    SignUpUser withEmail(String newEmail) {
        return new SignUpUser(name, givenName, middleName, familyName, newEmail, phone);
    }

    SignUpUser withPhone(String newPhone) {
        return new SignUpUser(name, givenName, middleName, familyName, email, newPhone);
    }
}
