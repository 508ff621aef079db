package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.emulator.OutboxLink;
import io.descopefilter.emulator.OutboxMessage;
import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.Concurrently;
import io.descopefilter.it.support.DescopeProxy;
import io.descopefilter.it.support.Eventually;
import io.descopefilter.it.support.Inbox;
import io.descopefilter.it.support.JsonEdit;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Enchanted links: one browser asks, the link is opened on another device, the first browser polls and is signed
 * in. Checklist EL. The filter talks to Descope through a recording proxy, so the tests know the real
 * {@code pendingRef} and can look for it where it must never be.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class EnchantedLinkIT {

    private static final String START = "/v1/auth/enchantedlink/signin/email";
    private static final String PENDING_SESSION = "/v1/auth/enchantedlink/pending-session";
    private static final Duration SIGN_IN_DEADLINE = Duration.ofSeconds(15);

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    @RegisterExtension
    static final DescopeProxy RECORDING = DescopeProxy.inFrontOf(DESCOPE);
    /** A second Descope whose clock the expiry test moves forward. */
    @RegisterExtension
    static final TestDescope AGING_DESCOPE = TestDescope.withDefaults();

    static final TestApp APP = TestApp.named("el", DESCOPE).withDescopeBaseUrl(RECORDING::baseUrl)
            .with("sendLimitPerLoginId", "3");
    static final TestApp AGING = TestApp.named("el-expiry", AGING_DESCOPE);

    private final LinkSignIn signIn = new LinkSignIn(APP, DESCOPE);

    @Deployment(name = "el", testable = false)
    public static WebArchive app() {
        return APP.war();
    }

    @Deployment(name = "el-expiry", testable = false)
    public static WebArchive aging() {
        return AGING.war();
    }

    @Test
    void enchantedLinkSignsInTheAskingBrowserWhileAnotherBrowsersPollGetsNothing() {
        TestUser alice = DESCOPE.newEmailUser("alice");
        Browser laptop = APP.newBrowser();
        Browser phone = APP.newBrowser();
        Browser stranger = APP.newBrowser();

        String linkId = start(laptop, alice);
        assertThat(poll(laptop).json().getString("status")).isEqualTo("pending");
        assertThat(poll(stranger).status()).isEqualTo(403);

        Page opened = phone.get(linkFor(DESCOPE, alice, linkId).url());
        Page clicked = phone.submit(opened.form());
        assertThat(clicked.status()).as("%s", clicked).isEqualTo(200);
        assertThat(clicked.body()).contains("now signed in");
        assertThat(clicked.setsCookie("DS")).as("the phone itself is not signed in").isFalse();

        Page strangerPoll = poll(stranger);
        assertThat(strangerPoll.status()).isEqualTo(403);
        assertThat(strangerPoll.json().getString("status")).isEqualTo("none");
        assertThat(strangerPoll.setsCookie("DS")).isFalse();

        Page done = awaitDone(laptop);
        assertThat(done.json().getString("next")).isEqualTo("/app/home");
        assertThat(signIn.whoAmI(laptop).getString("principalName")).isEqualTo(alice.userId());
        assertThat(LinkSignIn.isSignedIn(phone)).isFalse();
        assertThat(LinkSignIn.isSignedIn(stranger)).isFalse();
    }

    @Test
    void el01_thePendingRefNeverReachesThePageUrlScriptOrCookies() {
        TestUser bob = DESCOPE.newEmailUser("bob");
        Browser laptop = APP.newBrowser();
        Page loginPage = laptop.get("/login");
        Page started = laptop.submit(loginPage.form().withField("loginId", bob.loginId())
                .withField("kind", "enchanted"));
        String linkId = started.json().getString("linkId");
        String pendingRef = latestPendingRef();
        Page pending = poll(laptop);
        click(linkFor(DESCOPE, bob, linkId));
        Page done = awaitDone(laptop);

        for (Page page : List.of(loginPage, started, pending, done)) {
            assertThat(page.body()).as("%s", page).doesNotContain(pendingRef);
            assertThat(page.headers().toString()).doesNotContain(pendingRef);
            assertThat(page.setCookies()).allSatisfy(cookie -> {
                assertThat(cookie.value()).doesNotContain(pendingRef);
                assertThat(cookie.has("HttpOnly")).as("no script-readable cookie: %s", cookie.raw()).isTrue();
            });
        }
        assertThat(started.body()).doesNotContain("pendingRef");
    }

    @Test
    void el02_aStolenPendingRefPolledFromAnotherSessionGetsNothing() {
        TestUser carol = DESCOPE.newEmailUser("carol");
        Browser laptop = APP.newBrowser();
        String linkId = start(laptop, carol);
        String pendingRef = latestPendingRef();
        click(linkFor(DESCOPE, carol, linkId));
        Browser thief = APP.newBrowser();
        thief.get("/public/session");

        List<Page> attempts = List.of(
                thief.get("/descope/poll?pendingRef=" + pendingRef),
                thief.request("GET", "/descope/poll").header("X-Pending-Ref", pendingRef).send(),
                thief.post("/descope/poll", Map.of("pendingRef", pendingRef)));

        for (Page attempt : attempts) {
            assertThat(attempt.status()).as("%s", attempt).isIn(403, 405);
            assertThat(attempt.setsCookie("DS")).isFalse();
            assertThat(attempt.body()).doesNotContain("eyJ");
        }
        assertThat(LinkSignIn.isSignedIn(thief)).isFalse();
        awaitDone(laptop);
        assertThat(LinkSignIn.isSignedIn(laptop)).as("the real owner still gets the session").isTrue();
    }

    @Test
    void el03_afterDeliveryFurtherPollsReturnNothing() {
        TestUser dave = DESCOPE.newEmailUser("dave");
        Browser laptop = APP.newBrowser();
        String linkId = start(laptop, dave);
        click(linkFor(DESCOPE, dave, linkId));
        awaitDone(laptop);
        long descopePolls = RECORDING.answersTo(PENDING_SESSION).size();

        Page after = poll(laptop);

        assertThat(after.status()).as("%s", after).isEqualTo(403);
        assertThat(after.json().getString("status")).isEqualTo("none");
        assertThat(after.setsCookie("DS")).isFalse();
        assertThat(RECORDING.answersTo(PENDING_SESSION)).as("the pendingRef is forgotten").hasSize((int) descopePolls);
    }

    @Test
    void el04_aPollingFloodIsAnsweredLocallyAndAPendingLinkExpires() {
        TestUser erin = DESCOPE.newEmailUser("erin");
        Browser laptop = APP.newBrowser();
        start(laptop, erin);
        int descopePollsBefore = RECORDING.answersTo(PENDING_SESSION).size();

        List<Page> flood = Concurrently.run(30, i -> poll(laptop));

        assertThat(flood).allSatisfy(page -> assertThat(page.json().getString("status")).isEqualTo("pending"));
        assertThat(RECORDING.answersTo(PENDING_SESSION).size() - descopePollsBefore)
                .as("Descope polls caused by 30 simultaneous polls").isLessThanOrEqualTo(5);

        TestUser frank = AGING_DESCOPE.newEmailUser("frank");
        Browser waiting = AGING.newBrowser();
        new LinkSignIn(AGING, AGING_DESCOPE).requestLink(waiting, Map.of("loginId", frank.loginId(),
                "kind", "enchanted"));
        AGING_DESCOPE.emulator().advanceClock(Duration.ofMinutes(30));
        Page expired = Eventually.within(SIGN_IN_DEADLINE, "the poll to report expiry", () -> {
            Page page = waiting.get(AGING.url("/descope/poll"));
            return "expired".equals(page.json().getString("status")) ? Optional.of(page) : Optional.empty();
        });
        assertThat(expired.setsCookie("DS")).isFalse();
        assertThat(waiting.get(AGING.url("/descope/poll")).status()).as("nothing left to poll").isEqualTo(403);
    }

    @Test
    void el05_openingTheLinkNeedsAnExplicitChoiceAndRepeatedStartsAreLimited() {
        TestUser grace = DESCOPE.newEmailUser("grace");
        Browser laptop = APP.newBrowser();
        String linkId = start(laptop, grace);
        Browser phone = APP.newBrowser();

        Page opened = phone.get(linkFor(DESCOPE, grace, linkId).url());

        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.form().method()).isEqualTo("POST");
        assertThat(opened.body()).contains("g***@example.com").doesNotContain("<script");
        Eventually.within(Duration.ofSeconds(5), "a poll that reached Descope after the GET", () -> {
            int before = RECORDING.answersTo(PENDING_SESSION).size();
            String status = poll(laptop).json().getString("status");
            assertThat(status).as("opening the link alone signs nobody in").isEqualTo("pending");
            return RECORDING.answersTo(PENDING_SESSION).size() > before ? Optional.of(status) : Optional.empty();
        });

        TestUser henry = DESCOPE.newEmailUser("henry");
        int startsBefore = RECORDING.answersTo(START).size();
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Page answer = signIn.requestLink(APP.newBrowser(), Map.of("loginId", henry.loginId(),
                    "kind", "enchanted"));
            outcomes.add(answer.status() + " " + answer.json().getString("outcome"));
        }
        assertThat(outcomes).as("every start answers alike").containsOnly("200 ACCEPTED");
        assertThat(RECORDING.answersTo(START).size() - startsBefore).as("starts that reached Descope")
                .isEqualTo(3);
        assertThat(new Inbox(DESCOPE.emulator(), henry.loginId()).size())
                .isEqualTo(3);
    }

    /** Starts an enchanted link sign-in from the app's login page; returns the number the page shows. */
    private String start(Browser browser, TestUser user) {
        Page started = signIn.requestLink(browser, Map.of("loginId", user.loginId(), "kind", "enchanted"));
        assertThat(started.status()).as("%s", started).isEqualTo(200);
        String linkId = started.json().getString("linkId");
        assertThat(linkId).isNotBlank();
        return linkId;
    }

    /** Opens the link on another device and presses its button. */
    private static void click(OutboxLink link) {
        Browser phone = APP.newBrowser();
        Page clicked = phone.submit(phone.get(link.url()).form());
        assertThat(clicked.status()).as("%s", clicked).isEqualTo(200);
    }

    private static Page poll(Browser browser) {
        return browser.request("GET", "/descope/poll").json().send();
    }

    private static Page awaitDone(Browser browser) {
        return Eventually.within(SIGN_IN_DEADLINE, "the enchanted link poll to finish", () -> {
            Page page = poll(browser);
            return "done".equals(page.json().getString("status")) ? Optional.of(page) : Optional.empty();
        });
    }

    /** The one of the three links in the email that carries the number the asking browser shows. */
    private static OutboxLink linkFor(TestDescope descope, TestUser user, String linkId) {
        OutboxMessage email = new Inbox(descope.emulator(), user.loginId())
                .awaitMessage(1);
        return email.links().stream().filter(link -> linkId.equals(link.linkId())).findFirst()
                .orElseThrow(() -> new AssertionError("no link numbered " + linkId + " in " + email));
    }

    private static String latestPendingRef() {
        List<String> answers = RECORDING.answersTo(START);
        String pendingRef = JsonEdit.string(answers.get(answers.size() - 1), "pendingRef");
        assertThat(pendingRef).isNotBlank();
        return pendingRef;
    }
}
