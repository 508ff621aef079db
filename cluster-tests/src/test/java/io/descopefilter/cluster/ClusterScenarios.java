package io.descopefilter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.cluster.Browser.Answer;
import io.descopefilter.cluster.EmulatorProcess.Link;
import io.descopefilter.cluster.EmulatorProcess.Message;
import io.descopefilter.testsupport.HtmlForm;
import io.descopefilter.testsupport.ListeningSockets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cluster must keep of the filter's promises, proved through nginx only (no request goes to a node
 * directly): three nodes in their own JVMs, round-robin with nothing sticky, the emulator in its own JVM with
 * refresh-token rotation on and session JWTs that expire within seconds. One cluster per store, shared by the
 * methods of the class, which run in order; the node kill comes last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ClusterScenarios {

    static final int NODES = 3;
    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

    Cluster cluster;
    EmulatorProcess emulator;
    private final AtomicInteger users = new AtomicInteger();

    /** The store under test. */
    abstract SharedStoreSetup store();

    @BeforeAll
    void startCluster() {
        cluster = Cluster.start(getClass().getSimpleName(), store(), NODES, Cluster.TEST_NODE_JVM, Map.of());
        emulator = cluster.emulator;
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void nginxSpreadsRequestsRoundRobinOverTheThreeNodes() {
        Browser browser = cluster.browser();
        Map<String, Integer> answered = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            Answer answer = browser.get("/node");
            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("node=" + answer.node());
            answered.merge(answer.node(), 1, Integer::sum);
        }
        assertThat(answered).as("30 requests, nothing sticky: each node answers a third")
                .containsOnlyKeys("node1", "node2", "node3")
                .allSatisfy((node, count) -> assertThat(count).isEqualTo(10));
    }

    /** Nodes, Hazelcast members, redis-server, nginx and the emulator listen on 127.0.0.1 only. */
    @Test
    @Order(1)
    void everythingListensOnLoopbackOnly() {
        assertThat(ListeningSockets.available()).as("/proc/net/tcp (Linux)").isTrue();
        List<ManagedProcess> processes = ManagedProcess.running();
        assertThat(processes).hasSizeGreaterThanOrEqualTo(NODES + 2);
        for (ManagedProcess process : processes) {
            List<String> listening = ListeningSockets.of(process.pid());
            assertThat(listening).as("%s listens", process.name).isNotEmpty();
            assertThat(listening).as("%s listens on loopback only (addresses in /proc/net hex)", process.name)
                    .allMatch(ListeningSockets::isLoopback);
        }
    }

    /** (a) The per-login-ID send limit counts sends on every node together: N links, not three times N. */
    @Test
    @Order(2)
    void sendLimitHoldsClusterWide() {
        String email = newEmail("limit");
        Browser browser = cluster.browser();
        String csrf = csrf(browser);
        Set<String> nodes = new HashSet<>();
        for (int i = 0; i < NODES * Cluster.SEND_LIMIT; i++) {
            Answer sent = browser.post("/send", Map.of("email", email, "csrf", csrf));
            // over the limit the answer looks the same (no enumeration, no email bombing): count what went out
            assertThat(sent.status()).as("send %d: %s", i + 1, sent).isEqualTo(200);
            assertThat(sent.body()).isEqualTo("ACCEPTED");
            nodes.add(sent.node());
        }
        assertThat(nodes).as("the sends reached every node").hasSize(NODES);
        assertThat(emulator.messagesTo(email))
                .as("%d sends over %d nodes with a limit of %d per login ID: the limit holds for the cluster, the "
                        + "%d-th send and those after it are refused", NODES * Cluster.SEND_LIMIT, NODES,
                        Cluster.SEND_LIMIT, Cluster.SEND_LIMIT + 1)
                .hasSize(Cluster.SEND_LIMIT);
    }

    /** (b) An enchanted link started through one node completes with polls answered by the others. */
    @Test
    @Order(3)
    void enchantedLinkStartedOnOneNodeCompletesThroughTheOthers() {
        String email = newEmail("enchanted");
        Browser laptop = cluster.browser();
        String csrf = csrf(laptop);
        Answer started = laptop.post("/enchanted", Map.of("email", email, "csrf", csrf));
        assertThat(started.status()).as("start: %s", started).isEqualTo(200);
        Matcher linkId = Pattern.compile("ACCEPTED linkId=(\\d+)").matcher(started.body());
        assertThat(linkId.matches()).as("start: %s", started).isTrue();
        String startNode = started.node();

        Message message = emulator.awaitMessage(email, messages -> !messages.isEmpty());
        Link link = message.links().stream().filter(l -> linkId.group(1).equals(l.linkId())).findFirst()
                .orElseThrow(() -> new AssertionError("no link numbered " + linkId.group(1) + " in " + message));

        // the first poll, before the click, on whichever node nginx picks
        List<Answer> polls = new ArrayList<>();
        polls.add(laptop.get("/descope/poll"));

        Browser phone = cluster.browser();
        Answer landing = phone.get(link.url());
        assertThat(landing.status()).as("enchanted landing: %s", landing).isEqualTo(200);
        HtmlForm confirm = HtmlForm.find(landing.body(), f -> true)
                .orElseThrow(() -> new AssertionError("no confirmation form: " + landing));
        Answer confirmed = phone.post(confirm.action(), confirm.hiddenFields());
        assertThat(confirmed.status()).as("confirmation on the phone: %s", confirmed).isEqualTo(200);

        // Every later poll is steered past the node that started the link (nginx's rotation is strict: the
        // request after one answered by node k goes to node k+1), so the sign-in can complete only on another node.
        Answer last = polls.get(0);
        for (int i = 0; i < 40 && !last.body().contains("\"done\""); i++) {
            ManagedProcess.sleep(400);
            for (int turn = 0; turn < NODES; turn++) {
                if (!cluster.nextInRotation(laptop.get("/node").node()).equals(startNode)) {
                    break;
                }
            }
            last = laptop.get("/descope/poll");
            polls.add(last);
        }
        assertThat(polls).as("every poll, on every node, knows the wait (never 403 none)")
                .allSatisfy(p -> {
                    assertThat(p.status()).as("%s", p).isEqualTo(200);
                    assertThat(p.body()).as("%s", p).containsAnyOf("\"pending\"", "\"done\"");
                });
        assertThat(last.body()).as("last poll, started on %s: %s", startNode, last).contains("\"done\"");
        assertThat(last.node()).as("the node that completed the sign-in").isNotEqualTo(startNode);

        Answer signedIn = laptop.get(ClusterNode.AFTER_LOGIN);
        assertThat(signedIn.status()).as("the laptop is signed in: %s", signedIn).isEqualTo(200);
        assertThat(signedIn.body()).startsWith("user=U");
    }

    /**
     * (c) Fifty requests of one page whose session JWT has expired, all at once over the three nodes: Descope sees
     * one refresh (with rotation, a second would present a revoked refresh JWT and sign the user out), and every
     * request ends 200 with the user.
     */
    @Test
    @Order(4)
    void fiftyConcurrentRequestsOfAnExpiredSessionRefreshOnceAndSignNobodyOut() throws Exception {
        Browser browser = cluster.browser();
        String userId = signIn(browser, newEmail("refresh"));
        awaitSessionExpired(browser);
        String expiredCookies = browser.cookieHeader();
        emulator.resetCounts();

        int requests = 50;
        List<Answer> answers = concurrently(requests, i -> browser.getWith(ClusterNode.AFTER_LOGIN, expiredCookies));

        assertThat(answers).as("every request of the page ends with the user").allSatisfy(a -> {
            assertThat(a.status()).as("%s", a).isEqualTo(200);
            assertThat(a.body()).as("%s", a).startsWith("user=" + userId + " ");
        });
        Set<String> nodes = new HashSet<>();
        answers.forEach(a -> nodes.add(a.node()));
        assertThat(nodes).as("the 50 requests were spread over the nodes").hasSize(NODES);
        assertThat(emulator.count(EmulatorProcess.REFRESH)).as("refreshes that reached Descope").isEqualTo(1);

        Answer after = browser.get(ClusterNode.AFTER_LOGIN);
        assertThat(after.status()).as("the refreshed session goes on: %s", after).isEqualTo(200);
        assertThat(after.body()).startsWith("user=" + userId + " ");
        assertThat(emulator.count(EmulatorProcess.REFRESH)).as("refreshes after one more request").isEqualTo(1);
    }

    /**
     * (f) SE-06 with the grace period. After a refresh, every node keeps its result for late requests of the page
     * that still carry the old cookies (each of the three serves them). The user logs out on one node; the old
     * cookies, replayed on every other node within the grace period, get no session: a kept copy is not handed out
     * after a logout anywhere, and the node that handled the logout keeps none either.
     */
    @Test
    @Order(5)
    void se06_afterALogoutOnOneNodeTheOldRefreshCookieGetsNoSessionOnAnotherWithinTheGracePeriod() {
        Browser browser = cluster.browser();
        String userId = signIn(browser, newEmail("logout"));
        awaitSessionExpired(browser);
        String oldCookies = browser.cookieHeader();
        emulator.resetCounts();

        Answer refreshed = browser.get(ClusterNode.AFTER_LOGIN);
        Instant refreshedAt = Instant.now();
        assertThat(refreshed.status()).as("refreshed: %s", refreshed).isEqualTo(200);
        assertThat(browser.cookieHeader()).as("rotated cookies").isNotEqualTo(oldCookies);
        Set<String> keeping = new HashSet<>();
        for (int i = 0; i < NODES; i++) {
            Answer late = cluster.browser().getWith(ClusterNode.AFTER_LOGIN, oldCookies);
            assertThat(late.status()).as("a late request with the old cookies: %s", late).isEqualTo(200);
            assertThat(late.body()).startsWith("user=" + userId + " ");
            keeping.add(late.node());
        }
        assertThat(keeping).as("every node served the old cookies from the kept result").hasSize(NODES);
        assertThat(emulator.count(EmulatorProcess.REFRESH)).as("refreshes that reached Descope").isEqualTo(1);

        Answer logout = browser.post("/descope/logout", Map.of("csrf", csrf(browser)));
        assertThat(logout.status()).as("logout: %s", logout).isEqualTo(303);
        assertThat(browser.cookie("DSR")).as("the browser's cookies are cleared").isEmpty();

        Set<String> replayedOn = new HashSet<>();
        for (int i = 0; i < NODES; i++) {
            Answer replayed = cluster.browser().getWith(ClusterNode.AFTER_LOGIN, oldCookies);
            assertThat(replayed.status()).as("the old refresh cookie after the logout on %s: %s", logout.node(),
                    replayed).isIn(302, 401);
            if (replayed.status() == 302) {
                assertThat(replayed.location()).hasValueSatisfying(l -> assertThat(l).contains("/login"));
            }
            replayedOn.add(replayed.node());
        }
        assertThat(Duration.between(refreshedAt, Instant.now()))
                .as("every replay came within the grace period (10 s) of the refresh")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(replayedOn).as("replayed on every node, the logout's own included").hasSize(NODES)
                .contains(logout.node());
    }

    /**
     * (d) A node killed (SIGKILL) while users sign in: everyone signed in before, and everyone signing in (trying
     * again when an attempt was caught by the dying node or refused while the store noticed the loss), keeps
     * working through the other nodes; nginx takes the dead node out of the rotation.
     */
    @Test
    @Order(100)
    void aNodeKilledDuringSignInsLosesNoOneElsesSession() throws Exception {
        Map<Browser, String> signedIn = Collections.synchronizedMap(new HashMap<>());
        for (int i = 0; i < 6; i++) {
            Browser browser = cluster.browser();
            signedIn.put(browser, signIn(browser, newEmail("before-kill")));
        }

        Cluster.Node victim = cluster.node("node2");
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            running.add(pool.submit(() -> {
                for (int i = 0; i < 5; i++) {
                    Browser browser = cluster.browser();
                    String email = newEmail("during-kill");
                    // A sign-in caught on the dying node fails, and while the store notices the loss (a Hazelcast
                    // member dies with its node) sends are refused, failing closed: the user tries again, within
                    // a bound.
                    Instant giveUp = Instant.now().plusSeconds(45);
                    while (true) {
                        try {
                            signedIn.put(browser, signIn(browser, email));
                            completed.incrementAndGet();
                            break;
                        } catch (AssertionError | RuntimeException e) {
                            failed.incrementAndGet();
                            if (Instant.now().isAfter(giveUp)) {
                                throw e;
                            }
                            ManagedProcess.sleep(500);
                        }
                    }
                }
            }));
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (completed.get() < 3 && Instant.now().isBefore(deadline)) {
            ManagedProcess.sleep(20);
        }
        victim.kill();
        Instant killedAt = Instant.now();
        pool.shutdown();
        for (Future<?> f : running) {
            f.get(240, TimeUnit.SECONDS);
        }
        System.out.printf("node kill: %d sign-ins completed, %d attempts failed and were tried again while %s "
                + "died%n", completed.get(), failed.get(), victim.name);
        assertThat(completed.get()).as("every sign-in completed through the other nodes").isEqualTo(15);

        Set<String> nodesAfter = new HashSet<>();
        synchronized (signedIn) {
            for (Map.Entry<Browser, String> user : signedIn.entrySet()) {
                for (int i = 0; i < NODES; i++) {
                    Answer answer = user.getKey().get(ClusterNode.AFTER_LOGIN);
                    assertThat(answer.status()).as("a user signed in before or during the kill: %s", answer)
                            .isEqualTo(200);
                    assertThat(answer.body()).startsWith("user=" + user.getValue() + " ");
                    nodesAfter.add(answer.node());
                }
            }
        }
        assertThat(nodesAfter).as("answers after the kill").doesNotContain(victim.name)
                .containsExactlyInAnyOrder("node1", "node3");
        String freshId = signIn(cluster.browser(), newEmail("after-kill"));
        assertThat(freshId).startsWith("U");
        assertThat(cluster.nginx.errorLog()).as("nginx saw the dead node (killed %s)", killedAt)
                .contains("127.0.0.1:" + victim.port);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    String newEmail(String purpose) {
        return purpose + "-" + users.incrementAndGet() + "-" + store().name() + "@example.com";
    }

    static String csrf(Browser browser) {
        return SignIns.csrf(browser);
    }

    String signIn(Browser browser, String email) {
        return SignIns.signIn(browser, emulator, email);
    }

    /** Waits until the browser's session JWT is past its {@code exp} and the filter's clock skew. */
    static void awaitSessionExpired(Browser browser) {
        String jwt = browser.cookie("DS").orElseThrow(() -> new AssertionError("no DS cookie"));
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher exp = EXP.matcher(payload);
        assertThat(exp.find()).as("exp in the session JWT").isTrue();
        Instant expired = Instant.ofEpochSecond(Long.parseLong(exp.group(1))).plus(Cluster.CLOCK_SKEW)
                .plusMillis(1500);
        long wait = Duration.between(Instant.now(), expired).toMillis();
        assertThat(wait).as("session JWT lifetime is short").isLessThan(Cluster.SESSION_TTL.toMillis() + 5000);
        if (wait > 0) {
            ManagedProcess.sleep(wait);
        }
    }

    /** Runs {@code requests} calls released at the same moment; returns the answers in order. */
    static List<Answer> concurrently(int requests, java.util.function.IntFunction<Answer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch ready = new CountDownLatch(requests);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.apply(index);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
