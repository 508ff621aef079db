package io.descopefilter.core.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

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
}
