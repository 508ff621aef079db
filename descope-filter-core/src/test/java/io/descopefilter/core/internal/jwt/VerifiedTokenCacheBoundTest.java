package io.descopefilter.core.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.core.SessionValidatorConfig;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/** The verified-token cache's table itself (RL-10); its effect on validation is {@code VerifiedTokenCacheTest}. */
class VerifiedTokenCacheBoundTest {

    private static final RSAKey SIGNING = rsa();

    private static RSAKey rsa() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-signing-key").keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void rl10_aFloodOfDistinctTokensNeverGrowsTheCacheBeyondItsCapacity() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(50); // 64 slots
        VerificationKey key = new VerificationKey(SIGNING);
        Thread[] flooders = new Thread[4];
        for (int t = 0; t < flooders.length; t++) {
            String prefix = "thread-" + t + "-";
            flooders[t] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    String token = prefix + i + "-" + Integer.toHexString(i * 0x9E3779B9);
                    cache.put(new VerifiedTokenCache.Entry(token, null, key, Long.MAX_VALUE), 0);
                }
            });
            flooders[t].start();
        }
        for (Thread flooder : flooders) {
            flooder.join();
        }
        assertThat(cache.size()).isBetween(2, 64);
    }

    /**
     * Sessions minted together share one deadline, so when a set is full its live entries are evicted, and the
     * evicted user's every request costs a full RSA verification (and evicts another). A table sized to the
     * configured count must keep nearly all of that many sessions.
     */
    @Test
    void aCacheFilledToItsConfiguredSizeKeepsNearlyEverySession() {
        int configured = 200_000; // 262 144 slots: 76 % full
        VerifiedTokenCache cache = new VerifiedTokenCache(configured);
        String jwks = "{\"keys\":[" + SIGNING.toPublicJWK().toJSONString() + "]}";
        KeySetCache keys = new KeySetCache(() -> jwks, SessionValidatorConfig.builder("P2aAc4T2V93bddihGEx2Ryhc8e5Z")
                .keyFetchExecutor(Runnable::run).build());
        VerificationKey key = keys.find(SIGNING.getKeyID());
        SplittableRandom random = new SplittableRandom(20261203);
        List<String> tokens = new ArrayList<>(configured);
        byte[] signature = new byte[256];
        for (int i = 0; i < configured; i++) {
            random.nextBytes(signature);
            String token = "header.payload-" + i + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
            tokens.add(token);
            cache.put(new VerifiedTokenCache.Entry(token, null, key, 1_000_000), 0);
        }
        long kept = tokens.stream().filter(t -> cache.get(t, 1, keys) != null).count();
        assertThat(configured - kept).as("sessions evicted while filling").isLessThan(configured / 10_000);
    }
}
