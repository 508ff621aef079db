package io.descopefilter.store.contract;

import io.descopefilter.core.store.SharedLimiter;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What a store that several nodes share does beyond {@link SharedStoreContract}: two instances opened separately
 * (two nodes) see one set of entries and one count per limiter key, races between nodes have one winner, and when
 * the store goes away every operation fails with {@link StoreUnavailableException} instead of hanging, and works
 * again once the store is back, without reopening anything.
 */
public abstract class DistributedStoreContract extends SharedStoreContract {

    private static final Duration LONG = Duration.ofMinutes(10);

    private boolean stopped;

    /** Stops the store server (as an outage would); the instances opened stay open. */
    protected abstract void stopStore();

    /** Starts the store server again where it was. Its former contents may be gone. */
    protected abstract void startStore();

    /**
     * The most one operation may take while the store is down before the test calls it a hang: the store's own
     * timeout plus generous slack for a loaded machine. Not a performance figure.
     */
    protected Duration hangBound() {
        return Duration.ofSeconds(15);
    }

    @AfterEach
    final void restartIfStopped() {
        if (stopped) {
            stopped = false;
            startStore();
        }
    }

    @Test
    void twoNodesSeeTheSameEntries() {
        String name = fresh("shared");
        SharedMap a = node().map(name, LONG);
        SharedMap b = node().map(name, LONG);

        a.put("k", bytes("from-a"));
        assertThat(b.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("from-a")));
        assertThat(b.putIfAbsent("k", bytes("from-b"))).isFalse();

        assertThat(b.take("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("from-a")));
        assertThat(a.get("k")).isEmpty();
        assertThat(a.take("k")).isEmpty();
    }

    @Test
    void ofPutIfAbsentCallsOnTwoNodesExactlyOneWins() throws Exception {
        String name = fresh("race");
        SharedMap a = node().map(name, LONG);
        SharedMap b = node().map(name, LONG);

        for (int round = 0; round < 10; round++) {
            String key = "k" + round;
            List<Boolean> won = race(16, i -> (i % 2 == 0 ? a : b).putIfAbsent(key, bytes("writer-" + i)));

            assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
        }
    }

    @Test
    void ofTakersOnTwoNodesExactlyOneGetsTheValue() throws Exception {
        String name = fresh("take");
        SharedMap a = node().map(name, LONG);
        SharedMap b = node().map(name, LONG);

        for (int round = 0; round < 10; round++) {
            String key = "k" + round;
            a.put(key, bytes("once"));
            List<Optional<byte[]>> taken = race(16, i -> (i % 2 == 0 ? a : b).take(key));

            assertThat(taken).filteredOn(Optional::isPresent).hasSize(1);
        }
    }

    @Test
    void twoNodesShareOneCountPerKey() throws Exception {
        String name = fresh("limit");
        SharedLimiter a = node().limiter(name, 4, Duration.ofHours(1));
        SharedLimiter b = node().limiter(name, 4, Duration.ofHours(1));

        assertThat(a.tryAcquire("k")).isTrue();
        assertThat(b.tryAcquire("k")).isTrue();
        assertThat(a.tryAcquire("k")).isTrue();
        assertThat(b.tryAcquire("k")).isTrue();
        assertThat(a.tryAcquire("k")).isFalse();
        assertThat(b.isExhausted("k")).isTrue();
        assertThat(b.retryAfterSeconds("k")).isBetween(1L, 3600L);

        a.refund("k");
        assertThat(b.isExhausted("k")).isFalse();
        assertThat(b.tryAcquire("k")).isTrue();
        assertThat(a.tryAcquire("k")).isFalse();

        List<Boolean> other = race(16, i -> (i % 2 == 0 ? a : b).tryAcquire("other"));
        assertThat(other).filteredOn(Boolean::booleanValue).hasSize(4);
    }

    @Test
    void whenTheStoreIsDownEveryOperationFailsPromptlyAndWorksAgainOnceItIsBack() {
        SharedStore store = node();
        SharedMap map = store.map(fresh("outage"), LONG);
        SharedLimiter limiter = store.limiter(fresh("outage"), 5, Duration.ofHours(1));
        map.put("k", bytes("v"));
        assertThat(limiter.tryAcquire("k")).isTrue();

        stopped = true;
        stopStore();

        failsPromptly(store::ping);
        failsPromptly(() -> map.putIfAbsent("k2", bytes("v")));
        failsPromptly(() -> map.put("k2", bytes("v")));
        failsPromptly(() -> map.get("k"));
        failsPromptly(() -> map.take("k"));
        failsPromptly(() -> map.remove("k"));
        failsPromptly(() -> limiter.tryAcquire("k"));
        failsPromptly(() -> limiter.refund("k"));
        failsPromptly(() -> limiter.isExhausted("k"));
        failsPromptly(() -> limiter.retryAfterSeconds("k"));
        failsPromptly(() -> store.map(fresh("opened-while-down"), LONG).get("k"));
        failsPromptly(() -> store.limiter(fresh("opened-while-down"), 5, LONG).tryAcquire("k"));

        stopped = false;
        startStore();

        awaitTrue("the store answers again", () -> answers(store));
        map.put("after", bytes("v"));
        assertThat(map.get("after")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v")));
        assertThat(map.take("after")).isPresent();
        assertThat(limiter.tryAcquire("after")).isTrue();
        SharedMap later = store.map(fresh("after-outage"), LONG);
        assertThat(later.putIfAbsent("k", bytes("v"))).isTrue();
    }

    private void failsPromptly(Executable operation) {
        assertTimeoutPreemptively(hangBound(), () -> assertThatThrownBy(operation::execute)
                .isInstanceOf(StoreUnavailableException.class));
    }

    private static boolean answers(SharedStore store) {
        try {
            store.ping();
            return true;
        } catch (StoreUnavailableException e) {
            return false;
        }
    }
}
