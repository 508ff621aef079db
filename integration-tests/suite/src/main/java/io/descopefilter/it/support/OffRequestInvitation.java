package io.descopefilter.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

/**
 * The client's side of {@code io.descopefilter.it.app.Invitation}: asks an app endpoint for an invitation made off
 * the request, checks the job ran on its own thread and got {@code DescopeLinks}, then opens the link in a fresh
 * browser and checks it signs the user in. Failure messages never show the link (it holds a token).
 */
public final class OffRequestInvitation {

    private OffRequestInvitation() {
    }

    /** {@code GET <path>?loginId=..&next=<next>} on {@code app}; the link must land the user on {@code next}. */
    public static void signsIn(TestApp app, TestDescope descope, String path, TestUser user, String next) {
        Page made = app.newBrowser().get(path + "?loginId=" + Request.encode(user.loginId())
                + "&next=" + Request.encode(next));

        assertThat(made.status()).as("invitation answered %s", made.status()).isEqualTo(200);
        JsonObject seen = made.json();
        assertThat(seen.getBoolean("offRequest")).as("the job ran on its own thread").isTrue();
        assertThat(seen.getString("error", "")).as("DescopeLinks off a request").isEmpty();
        String url = seen.getString("url");
        assertThat(url.startsWith(app.url("/descope/verify?")) && url.contains("t="))
                .as("the job's link is a landing URL of this app").isTrue();
        assertThat(seen.getString("readiness")).as("readiness checks seen by the job").contains("keys", "descope");

        Browser browser = app.newBrowser();
        LinkSignIn signIn = new LinkSignIn(app, descope);
        Page done = signIn.openAndConfirm(browser, url);

        assertThat(done.status()).as("landing answered %s -> %s", done.status(), done.location()).isEqualTo(303);
        assertThat(done.location()).hasValue(app.url(next));
        assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(user.userId());
    }
}
