package io.descopefilter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.cluster.Browser.Answer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster scenarios plus the store going away while every node runs, and coming back: for stores that live
 * outside the nodes' JVMs.
 */
abstract class StoreOutageScenarios extends ClusterScenarios {

    /** Stops the store at once, as a crash would. */
    abstract void storeGoesAway();

    /** Starts the store again, empty, where it was. */
    abstract void storeComesBack();

    /**
     * (e) The store killed and, later, started again where it was (empty). Meanwhile users with valid
     * sessions keep working, sends are refused with the filter's "try again later" (fail closed: no link goes
     * out uncounted), and no request waits beyond {@link Browser#REQUEST_BOUND}; once it is back, sends work again
     * on every node.
     */
    @Test
    @Order(50)
    void theStoreGoingAwayAndComingBackIsSurvived() {
        Browser user = cluster.browser();
        String userId = signIn(user, newEmail("outage-user"));
        Browser sender = cluster.browser();
        String csrf = csrf(sender);

        storeGoesAway();
        try {
            Set<String> nodes = new HashSet<>();
            for (int i = 0; i < 2 * NODES; i++) {
                Answer page = user.get(ClusterNode.AFTER_LOGIN);
                assertThat(page.status()).as("signed-in user while the store is down: %s", page).isEqualTo(200);
                assertThat(page.body()).startsWith("user=" + userId + " ");
                nodes.add(page.node());
            }
            assertThat(nodes).hasSize(NODES);

            String refused = newEmail("outage-send");
            Set<String> sendNodes = new HashSet<>();
            for (int i = 0; i < NODES; i++) {
                Answer sent = sender.post("/send", Map.of("email", refused, "csrf", csrf));
                assertThat(sent.status()).as("send while the store is down: %s", sent).isEqualTo(503);
                assertThat(sent.body()).isEqualTo("TRY_LATER");
                assertThat(sent.raw().headers().firstValue("Retry-After")).isPresent();
                sendNodes.add(sent.node());
            }
            assertThat(sendNodes).as("every node refuses").hasSize(NODES);
            assertThat(emulator.messagesTo(refused)).as("nothing was sent uncounted").isEmpty();
        } finally {
            storeComesBack();
        }

        // back: each node reconnects by itself; bounded wait until three sends in a row (one per node) go out
        List<String> accepted = new ArrayList<>();
        Set<String> acceptingNodes = new HashSet<>();
        Instant deadline = Instant.now().plusSeconds(60);
        while (acceptingNodes.size() < NODES && Instant.now().isBefore(deadline)) {
            String email = newEmail("after-outage");
            Answer sent = sender.post("/send", Map.of("email", email, "csrf", csrf));
            if (sent.status() == 200) {
                accepted.add(email);
                acceptingNodes.add(sent.node());
            } else {
                assertThat(sent.status()).as("send while the store comes back: %s", sent).isEqualTo(503);
                acceptingNodes.clear();
                ManagedProcess.sleep(250);
            }
        }
        assertThat(acceptingNodes).as("every node sends again once the store is back\n%s", cluster.logs())
                .hasSize(NODES);
        for (String email : accepted) {
            assertThat(emulator.messagesTo(email)).as("link to %s", email).hasSize(1);
        }
        Answer page = user.get(ClusterNode.AFTER_LOGIN);
        assertThat(page.status()).as("the user after the outage: %s", page).isEqualTo(200);
    }
}
