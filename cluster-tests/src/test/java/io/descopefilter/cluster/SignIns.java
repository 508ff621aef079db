package io.descopefilter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.cluster.Browser.Answer;
import io.descopefilter.cluster.EmulatorProcess.Message;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a browser does to sign in, through nginx: the login page's CSRF token, a magic link, the landing. */
final class SignIns {

    private static final Pattern USER = Pattern.compile("^user=(\\S+) node=(\\S+)$");

    private SignIns() {
    }

    static String csrf(Browser browser) {
        Answer csrf = browser.get("/csrf");
        assertThat(csrf.status()).as("csrf: %s", csrf).isEqualTo(200);
        return csrf.body();
    }

    /** A magic-link sign-in; returns the Descope user ID the application then sees. */
    static String signIn(Browser browser, EmulatorProcess emulator, String email) {
        String csrf = csrf(browser);
        int before = emulator.messagesTo(email).size();
        Answer sent = browser.post("/send", Map.of("email", email, "csrf", csrf));
        assertThat(sent.status()).as("send to %s: %s", email, sent).isEqualTo(200);
        Message message = emulator.awaitMessage(email, messages -> messages.size() > before);
        Answer landing = browser.get(message.links().get(0).url());
        assertThat(landing.status()).as("landing: %s", landing).isEqualTo(303);
        assertThat(landing.location()).hasValueSatisfying(l -> assertThat(l).endsWith(ClusterNode.AFTER_LOGIN));
        Answer whoami = browser.get(ClusterNode.AFTER_LOGIN);
        assertThat(whoami.status()).as("signed in: %s", whoami).isEqualTo(200);
        Matcher user = USER.matcher(whoami.body());
        assertThat(user.matches()).as("whoami: %s", whoami).isTrue();
        return user.group(1);
    }
}
