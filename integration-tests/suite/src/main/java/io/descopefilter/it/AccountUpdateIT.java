package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.emulator.OutboxMessage;
import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.DescopeApi;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The signed-in user changes their email address or phone number with a confirmation link. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class AccountUpdateIT {

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp APP = TestApp.named("account", DESCOPE);

    private final LinkSignIn signIn = new LinkSignIn(APP, DESCOPE);

    @Deployment(testable = false)
    public static WebArchive app() {
        return APP.war();
    }

    @Test
    void updateEmailSendsAConfirmationLinkToTheNewAddressAndConfirmingItChangesTheAccount() {
        TestUser alice = DESCOPE.newEmailUser("alice");
        Browser browser = APP.newBrowser();
        signIn.signIn(browser, alice);
        String newEmail = TestDescope.uniqueEmail("alice.new");

        Page sent = update(browser, Map.of("action", "email", "newEmail", newEmail, "next", "/app/account-done"));

        assertThat(sent.status()).as("%s", sent).isEqualTo(200);
        assertThat(sent.json().getString("outcome")).isEqualTo("ACCEPTED");
        OutboxMessage confirmation = signIn.inbox(newEmail).awaitMessage(1);
        assertThat(confirmation.channel()).isEqualTo("email");
        Page confirmed = signIn.openAndConfirm(browser, confirmation.firstLink().url());
        assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(303);
        assertThat(confirmed.location()).hasValue(APP.url("/app/account-done"));
        assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(alice.userId());
        assertThat(DescopeApi.me(DESCOPE, browser.cookie("DSR").orElseThrow()).getString("email"))
                .as("Descope now holds the new address").isEqualTo(newEmail);
    }

    @Test
    void updatePhoneSendsAnSmsToTheNewNumberAndConfirmingItChangesTheAccount() {
        TestUser bob = DESCOPE.newEmailUser("bob");
        Browser browser = APP.newBrowser();
        signIn.signIn(browser, bob);
        String newPhone = TestDescope.uniquePhone();

        Page sent = update(browser, Map.of("action", "phone", "newPhone", newPhone));

        assertThat(sent.status()).as("%s", sent).isEqualTo(200);
        OutboxMessage sms = signIn.inbox(newPhone).awaitMessage(1);
        assertThat(sms.channel()).isEqualTo("sms");
        Page confirmed = signIn.openAndConfirm(browser, sms.firstLink().url());
        assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(303);
        assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(bob.userId());
        assertThat(DescopeApi.me(DESCOPE, browser.cookie("DSR").orElseThrow()).getString("phone"))
                .as("Descope now holds the new number").isEqualTo(newPhone);
    }

    @Test
    void aMalformedNewAddressIsReportedAndNothingIsSent() {
        TestUser carol = DESCOPE.newEmailUser("carol");
        Browser browser = APP.newBrowser();
        signIn.signIn(browser, carol);

        Page badEmail = update(browser, Map.of("action", "email", "newEmail", "not an email"));
        Page badPhone = update(browser, Map.of("action", "phone", "newPhone", "12"));

        assertThat(badEmail.status()).as("%s", badEmail).isEqualTo(400);
        assertThat(badEmail.json().getString("outcome")).isEqualTo("INVALID_INPUT");
        assertThat(badPhone.status()).as("%s", badPhone).isEqualTo(400);
    }

    private Page update(Browser browser, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("csrf", signIn.whoAmI(browser).getString("csrf"));
        return browser.post("/app/account", form);
    }
}
