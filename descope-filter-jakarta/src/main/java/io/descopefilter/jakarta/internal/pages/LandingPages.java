package io.descopefilter.jakarta.internal.pages;

import java.util.List;
import java.util.Optional;

/** The text of the landing pages: the confirmation page of each kind of link, and what HEAD and done show. */
public final class LandingPages {

    /** The kinds of link a landing serves. */
    public enum Kind {
        /** Magic and embedded links: this browser signs in. */
        MAGIC,
        /** Enchanted links: the browser that asked for the link signs in. */
        ENCHANTED
    }

    private LandingPages() {
    }

    /** The confirmation page: a form POSTing the hidden fields to {@code action}, optionally submitting itself. */
    public static Outcome confirmation(Kind kind, Optional<String> hint, String action, List<Pages.HiddenField> fields,
                                       boolean submitAutomatically) {
        String button = hint.map(h -> "Sign in as " + h).orElse("Continue signing in");
        return new Outcome.Page(200, Pages.landing(heading(kind), explanation(kind, hint), button, action, fields,
                submitAutomatically));
    }

    /**
     * The second confirmation of a link opened in a browser that did not ask for it: names the full verified login
     * ID, so that nobody is signed in to an account that is not theirs without seeing which one (HW-02).
     */
    public static Outcome heldConfirmation(String loginId, String action, List<Pages.HiddenField> fields) {
        return new Outcome.Page(200, Pages.landing("You are signing in as " + loginId,
                "This link was opened in a browser that did not ask for it. Continue only if you asked for a "
                        + "sign-in link and " + loginId + " is your account.", "Continue as " + loginId, action,
                fields, false));
    }

    /** What a HEAD request (a link checker) sees; it never consumes. */
    public static Outcome head(Kind kind) {
        return new Outcome.Page(200, Pages.message(heading(kind), "Open this link in your browser to continue.",
                null, null));
    }

    /** The page an enchanted link shows once clicked. */
    public static Outcome enchantedDone() {
        return new Outcome.Page(200, Pages.message("You are signed in",
                "The browser where you asked for this link is now signed in. You can close this tab.", null, null));
    }

    private static String heading(Kind kind) {
        return kind == Kind.MAGIC ? "Sign in" : "Confirm sign-in";
    }

    private static String explanation(Kind kind, Optional<String> hint) {
        if (kind == Kind.MAGIC) {
            return hint.map(h -> "You are about to sign in as " + h + ". Press the button to continue.")
                    .orElse("Press the button to continue signing in.");
        }
        return hint.map(h -> "Press the button to sign in as " + h + " in the browser where you asked for this link.")
                .orElse("Press the button to sign in in the browser where you asked for this link.");
    }
}
