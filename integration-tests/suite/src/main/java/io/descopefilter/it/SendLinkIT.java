package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.Fault;
import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.HtmlForm;
import io.descopefilter.it.support.Inbox;
import io.descopefilter.it.support.LinkUrl;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checklist SL: sending links through {@code DescopeLinks} from the app's login page. The WAR trusts 127.0.0.1 as
 * a reverse proxy, so each test can play clients at different addresses with {@code X-Forwarded-For}; the send
 * limits are the defaults per login ID (3) and small per client (5).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class SendLinkIT {

    private static final String SIGN_IN_EMAIL = "/v1/auth/magiclink/signin/email";
    private static final String ANY_SEND = "/v1/auth/magiclink/";

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    static final TestApp APP = TestApp.named("sl", DESCOPE)
            .with("trustedProxies", "127.0.0.1")
            .with("sendLimitPerLoginId", null)
            .with("sendLimitPerClient", "5");

    private static int clientSequence;

    @Deployment(testable = false)
    public static WebArchive app() {
        return APP.war();
    }

    @Test
    void sl01_sendingALinkNeedsASameOriginPostWithTheAppsCsrfToken() {
        TestUser alice = DESCOPE.newEmailUser("alice");
        Browser victim = APP.newBrowser();
        String client = nextClient();
        HtmlForm form = victim.get("/login").form().withField("loginId", alice.loginId());

        Page crossSite = victim.request("POST", form.action()).crossSite("https://evil.example")
                .header("X-Forwarded-For", client).form(form.fields()).send();
        Page noToken = victim.request("POST", form.action()).sameOrigin().header("X-Forwarded-For", client)
                .form(form.withoutField("csrf").fields()).send();
        Page viaGet = victim.request("GET", "/login?loginId=" + alice.loginId() + "&method=EMAIL&kind=magic")
                .header("X-Forwarded-For", client).send();

        assertThat(crossSite.status()).as("%s", crossSite).isEqualTo(403);
        assertThat(noToken.status()).as("%s", noToken).isEqualTo(403);
        assertThat(viaGet.status()).isEqualTo(200);
        assertThat(inbox(alice).size()).as("nothing was sent").isZero();
    }

    @Test
    void sl02_emailBombingOneAddressIsCappedAndEveryAnswerLooksTheSame() {
        TestUser bob = DESCOPE.newEmailUser("bob");
        List<String> answers = new ArrayList<>();

        for (int i = 0; i < 10; i++) {
            Page answer = send(Map.of("loginId", bob.loginId()), nextClient());
            answers.add(answer.status() + " " + answer.body());
        }

        assertThat(answers).as("ten requests from ten addresses").containsOnly(answers.get(0));
        assertThat(answers.get(0)).startsWith("200 ").contains("ACCEPTED");
        assertThat(inbox(bob).size()).as("links that reached the inbox").isLessThanOrEqualTo(3).isPositive();
    }

    /**
     * SL-03. The filter caps sends per client, so one client cannot pump SMS to many numbers; country allow-lists,
     * per-prefix and daily caps and anomaly alerts belong to Descope's project settings and the app (README).
     */
    @Test
    void sl03_smsPumpingFromOneClientIsCappedPerClient() {
        String client = nextClient();
        List<String> numbers = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();

        for (int i = 0; i < 10; i++) {
            String number = DESCOPE.newPhoneUser("pump" + i).phone();
            numbers.add(number);
            Page answer = send(Map.of("loginId", number, "method", "SMS"), client);
            outcomes.add(answer.status() + " " + answer.json().getString("outcome"));
        }

        assertThat(outcomes).containsOnly("200 ACCEPTED");
        long delivered = numbers.stream().filter(number -> new Inbox(DESCOPE.emulator(), number).size() > 0).count();
        assertThat(delivered).as("SMS sent for one client").isEqualTo(5);
    }

    /** SL-04. Status, body and headers are compared; timing is not measured (no timed assertions in tests). */
    @Test
    void sl04_existingAndUnknownAccountsGetTheSameAnswer() {
        TestUser carol = DESCOPE.newEmailUser("carol");
        String unknown = TestDescope.uniqueEmail("carol");

        Page existingSignIn = send(Map.of("loginId", carol.loginId()), nextClient());
        Page unknownSignIn = send(Map.of("loginId", unknown), nextClient());
        Page existingSignUp = send(Map.of("loginId", carol.loginId(), "purpose", "SIGN_UP"), nextClient());
        Page unknownSignUp = send(Map.of("loginId", TestDescope.uniqueEmail("carol"), "purpose", "SIGN_UP"),
                nextClient());

        for (Page[] pair : new Page[][] {{existingSignIn, unknownSignIn}, {existingSignUp, unknownSignUp}}) {
            assertThat(pair[1].status()).isEqualTo(pair[0].status()).isEqualTo(200);
            assertThat(comparable(pair[1].json())).isEqualTo(comparable(pair[0].json()));
            assertThat(headerNames(pair[1])).isEqualTo(headerNames(pair[0]));
        }
        assertThat(inbox(carol).size()).as("the existing user got the sign-in link").isEqualTo(1);
        assertThat(new Inbox(DESCOPE.emulator(), unknown).size()).as("nobody got a sign-in link").isZero();
    }

    @Test
    void sl05_aRedirectSuppliedByTheClientIsIgnored() {
        TestUser dave = DESCOPE.newEmailUser("dave");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("loginId", dave.loginId());
        fields.put("next", "https://evil.example/phish");
        fields.put("redirectUrl", "https://evil.example/callback");
        fields.put("URI", "https://evil.example/callback");

        Page answer = send(fields, nextClient());

        assertThat(answer.status()).isEqualTo(200);
        String link = inbox(dave).awaitLink().url();
        assertThat(link).startsWith(APP.url("/descope/verify?")).doesNotContain("evil.example");
        assertThat(LinkUrl.query(link, "next")).isEmpty();
    }

    @Test
    void sl06_malformedLoginIdsAreRejectedAndOthersNormalised() {
        long sendsBefore = sends();
        List<String> malformed = List.of("x@example.com\r\nBcc: victim@example.com", "a".repeat(300) + "@example.com",
                "\u0430lice@example.com", "<script>@example.com", "");

        for (String loginId : malformed) {
            Page answer = send(Map.of("loginId", loginId), nextClient());
            assertThat(answer.status()).as("loginId %s: %s", loginId.length() > 40 ? "(long)" : loginId, answer)
                    .isEqualTo(400);
            assertThat(answer.json().getString("outcome")).isEqualTo("INVALID_INPUT");
            assertThat(answer.json().getString("message")).isNotBlank();
        }
        assertThat(sends()).as("malformed IDs never reach Descope").isEqualTo(sendsBefore);

        TestUser erin = DESCOPE.newEmailUser("erin");
        String tagged = erin.loginId().replace("@", "+news@");
        DESCOPE.emulator().createUser(EmulatorUser.builder(tagged).build());
        assertThat(send(Map.of("loginId", "  " + tagged + " "), nextClient()).status()).isEqualTo(200);
        assertThat(new Inbox(DESCOPE.emulator(), tagged).awaitMessage(1).to()).isEqualTo(tagged);
        assertThat(inbox(erin).size()).as("a +tag address is its own login ID").isZero();

        TestUser phoneUser = DESCOPE.newPhoneUser("frank");
        String digits = phoneUser.phone().substring(2);
        String formatted = "+1 (" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-" + digits.substring(6);
        assertThat(send(Map.of("loginId", formatted, "method", "SMS"), nextClient()).status()).isEqualTo(200);
        assertThat(new Inbox(DESCOPE.emulator(), phoneUser.phone()).awaitMessage(1).to())
                .isEqualTo(phoneUser.phone());
    }

    /** SL-07. Descope's limits are per IP, and every user of the WAR shares its egress IP: README says so. */
    @Test
    void sl07_descopeRateLimitingAnswersTryLaterWithRetryAfterAndNoRetries() {
        TestUser grace = DESCOPE.newEmailUser("grace");
        DESCOPE.emulator().faults().set(SIGN_IN_EMAIL, Fault.status(429, "E130429").times(1));
        long callsBefore = DESCOPE.emulator().requestCount(SIGN_IN_EMAIL);
        try {
            Page answer = send(Map.of("loginId", grace.loginId()), nextClient());

            assertThat(answer.status()).as("%s", answer).isEqualTo(429);
            assertThat(answer.json().getString("outcome")).isEqualTo("TRY_LATER");
            assertThat(answer.json().getInt("retryAfterSeconds")).isPositive();
            assertThat(answer.header("Retry-After")).isPresent();
            assertThat(DESCOPE.emulator().requestCount(SIGN_IN_EMAIL) - callsBefore).as("calls to Descope")
                    .isEqualTo(1);
        } finally {
            DESCOPE.emulator().faults().clear();
        }
    }

    /** Opens the login page and submits it as a browser at {@code clientIp} (behind the trusted proxy). */
    private static Page send(Map<String, String> fields, String clientIp) {
        Browser browser = APP.newBrowser();
        HtmlForm form = browser.request("GET", "/login").header("X-Forwarded-For", clientIp).send().form();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            form = form.withField(field.getKey(), field.getValue());
        }
        return browser.request("POST", form.action()).sameOrigin().header("X-Forwarded-For", clientIp)
                .form(form.fields()).send();
    }

    private static synchronized String nextClient() {
        clientSequence++;
        return "198.51.100." + clientSequence;
    }

    private static Inbox inbox(TestUser user) {
        return new Inbox(DESCOPE.emulator(), user.loginId());
    }

    private static long sends() {
        long total = 0;
        for (String purpose : List.of("signin", "signup", "signup-in")) {
            total += DESCOPE.emulator().requestCount(ANY_SEND + purpose + "/email");
        }
        return total;
    }

    /** The answer without the masked address, which echoes what was typed. */
    private static Map<String, Object> comparable(JsonObject answer) {
        Map<String, Object> fields = new LinkedHashMap<>(answer);
        fields.put("maskedAddress", answer.getString("maskedAddress").isEmpty() ? "" : "(masked)");
        return fields;
    }

    private static List<String> headerNames(Page page) {
        return page.headers().keySet().stream().map(String::toLowerCase)
                .filter(name -> !name.equals("date") && !name.equals("content-length")).sorted().toList();
    }
}
