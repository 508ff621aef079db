package io.descopefilter.core.internal.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key's pooled {@code Signature} objects give the same answers as a fresh one, alone and under concurrency. */
class VerificationKeyTest {

    private static final RSAKey KEY = generate("k1");
    private static final RSAKey OTHER = generate("k2");

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sign(RSAKey key, String algorithm, byte[] input) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key.toRSAPrivateKey());
        signer.update(input);
        return signer.sign();
    }

    @Test
    void verifiesEachAlgorithmAndRefusesEverythingElse() throws Exception {
        VerificationKey key = new VerificationKey(KEY.toPublicJWK());
        byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);

        assertThat(key.verify(JWSAlgorithm.RS256, input, sign(KEY, "SHA256withRSA", input))).isTrue();
        assertThat(key.verify(JWSAlgorithm.RS384, input, sign(KEY, "SHA384withRSA", input))).isTrue();
        assertThat(key.verify(JWSAlgorithm.RS512, input, sign(KEY, "SHA512withRSA", input))).isTrue();
        // another algorithm's signature, another key's, another message's, a damaged or mis-sized one
        assertThat(key.verify(JWSAlgorithm.RS256, input, sign(KEY, "SHA384withRSA", input))).isFalse();
        assertThat(key.verify(JWSAlgorithm.RS256, input, sign(OTHER, "SHA256withRSA", input))).isFalse();
        assertThat(key.verify(JWSAlgorithm.RS256, "header.other".getBytes(StandardCharsets.US_ASCII),
                sign(KEY, "SHA256withRSA", input))).isFalse();
        byte[] damaged = sign(KEY, "SHA256withRSA", input);
        damaged[10] ^= 1;
        assertThat(key.verify(JWSAlgorithm.RS256, input, damaged)).isFalse();
        byte[] good = sign(KEY, "SHA256withRSA", input);
        assertThat(key.verify(JWSAlgorithm.RS256, input, Arrays.copyOf(good, good.length + 1))).isFalse();
        assertThat(key.verify(JWSAlgorithm.RS256, input, new byte[0])).isFalse();
        // a refusal leaves nothing behind that changes the next answer
        assertThat(key.verify(JWSAlgorithm.RS256, input, good)).isTrue();
        assertThatThrownBy(() -> key.verify(JWSAlgorithm.PS256, input, good))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> key.verify(JWSAlgorithm.HS256, input, good))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentVerificationsWithOneKeyEachGetTheirOwnAnswer() throws Exception {
        VerificationKey key = new VerificationKey(KEY.toPublicJWK());
        int messages = 16;
        List<byte[]> inputs = new ArrayList<>();
        List<byte[]> signatures = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            byte[] input = ("header.payload-" + i).getBytes(StandardCharsets.US_ASCII);
            inputs.add(input);
            signatures.add(sign(KEY, "SHA256withRSA", input));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int round = 0; round < 400; round++) {
                int i = round % messages;
                // every other check pairs a message with another message's signature: it must fail
                boolean matching = round % 2 == 0;
                byte[] signature = signatures.get(matching ? i : (i + 1) % messages);
                answers.add(threads.submit(() -> key.verify(JWSAlgorithm.RS256, inputs.get(i), signature) == matching));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
