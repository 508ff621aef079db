package io.descopefilter.sample.launcher;

import io.descopefilter.emulator.EmulatorUser;

import java.util.List;

/** The users the emulator knows in dev mode. Any other email address or phone number signs up a new user. */
public final class DemoUsers {

    public static final String ALICE_EMAIL = "alice@example.com";
    public static final String ALICE_PHONE = "+15555550101";
    public static final String BOB_EMAIL = "bob@example.com";
    public static final String BOB_PHONE = "+15555550102";

    /** Alice is an admin, an editor in the tenant "acme" and a viewer and billing manager in "globex"; Bob has no roles. */
    public static final List<EmulatorUser> ALL = List.of(
            EmulatorUser.builder(ALICE_EMAIL).name("Alice Example").phone(ALICE_PHONE).roles("admin")
                    .tenant("acme", "Acme Inc.", List.of("editor"), List.of())
                    .tenant("globex", "Globex Corp.", List.of("billing", "viewer"), List.of()).build(),
            EmulatorUser.builder(BOB_EMAIL).name("Bob Example").phone(BOB_PHONE).build());

    /** One line per user for the console and the dev-mode pages. */
    public static List<String> descriptions() {
        return List.of(ALICE_EMAIL + " or " + ALICE_PHONE + " (role admin, tenants acme and globex)",
                BOB_EMAIL + " or " + BOB_PHONE + " (no roles)");
    }

    private DemoUsers() {
    }
}
