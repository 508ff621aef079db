package io.descopefilter.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.descopefilter.testsupport.TestClock;
import io.descopefilter.testsupport.Emulators;

import static io.descopefilter.core.TestKeys.SIGNING;
import static io.descopefilter.core.TestTokens.PROJECT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** Security checklist JK-01 … JK-07, single flight and RL-09: the key set against the emulator's JWKS endpoint. */
class KeySetHandlingTest {

    private static final String KEYS_PATH = "/v2/keys/" + PROJECT_ID;
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration COOLDOWN = Duration.ofSeconds(30);

    private final TestClock clock = TestClock.startingNow();
    private final DescopeEmulator emu = Emulators.start();
    // No retries: one fetch attempt is one request, so the emulator's request count counts attempts.
    private final DescopeClient client = clientFor(emu.baseUrl());
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
        client.close();
        emu.close();
    }

    private DescopeClient clientFor(String baseUrl) {
        return DescopeClient.create(DescopeClientConfig.builder().projectId(PROJECT_ID).baseUrl(baseUrl)
                .retryBudget(Duration.ZERO).build());
    }

    /** Fetches run in the calling thread, so each test sees their effect at once. */
    private SessionValidatorConfig.Builder config() {
        return SessionValidatorConfig.builder(PROJECT_ID).clock(clock).keyFetchExecutor(Runnable::run);
    }

    private SessionValidator validator(SessionValidatorConfig.Builder config) {
        return SessionValidator.create(config.build(), client::fetchKeySetJson);
    }

    /** A session JWT signed by this key, valid for a day of test time. */
    private String tokenSignedBy(RSAKey key) {
        return TestTokens.session(key, clock.instant()).claim("exp", clock.instant().plus(Duration.ofDays(1)).getEpochSecond())
                .claim("jti", UUID.randomUUID().toString()).signedWith(key);
    }

    private long keyFetches() {
        return emu.requestCount(KEYS_PATH);
    }

    @Test
    void jk01_redirectsOversizedBodiesAndUntrustedCertificatesYieldNoKeys(@TempDir Path dir) throws Exception {
        HttpServer hostile = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hostile.createContext(KEYS_PATH, exchange -> {
            exchange.getResponseHeaders().add("Location", emu.baseUrl() + KEYS_PATH);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        byte[] fiveMegabytes = ("{\"keys\":[" + " ".repeat(5 * 1024 * 1024) + "]}").getBytes(StandardCharsets.US_ASCII);
        hostile.createContext("/big" + KEYS_PATH, exchange -> {
            exchange.sendResponseHeaders(200, fiveMegabytes.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(fiveMegabytes);
            } catch (java.io.IOException clientHungUp) {
                // expected once the client stops reading at its cap
            }
        });
        hostile.start();
        closeAfter.add(() -> hostile.stop(0));
        String hostileUrl = "http://127.0.0.1:" + hostile.getAddress().getPort();
        HttpsServer selfSigned = selfSignedHttpsServer(dir);
        closeAfter.add(() -> selfSigned.stop(0));

        for (String baseUrl : List.of(hostileUrl, hostileUrl + "/big", "https://127.0.0.1:" + selfSigned.getAddress().getPort())) {
            try (DescopeClient hostileClient = clientFor(baseUrl)) {
                SessionValidator validator = SessionValidator.create(config().build(), hostileClient::fetchKeySetJson);
                assertThat(validator.validateSession(tokenSignedBy(emu.signingKey())).rejection())
                        .as(baseUrl).contains(Rejection.KEYS_UNAVAILABLE);
            }
        }
        assertThat(keyFetches()).as("the redirect was not followed").isZero();
    }

    /** An HTTPS JWKS endpoint whose certificate no trust store knows (made with the JDK's keytool). */
    private static HttpsServer selfSignedHttpsServer(Path dir) throws Exception {
        Path keystore = dir.resolve("self-signed.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1", "-validity", "2",
                "-ext", "SAN=ip:127.0.0.1").redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(keytool.waitFor()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = TestKeys.jwks(SIGNING).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    @Test
    void jk02_poisonedKeysAreIgnored() throws Exception {
        RSAKey encryptionKey = new RSAKey.Builder(TestKeys.rsa("enc-key")).keyUse(KeyUse.ENCRYPTION).build();
        RSAKey rs512Key = new RSAKey.Builder(TestKeys.rsa("rs512-key")).algorithm(JWSAlgorithm.RS512).build();
        RSAKey weakKey = weakRsaKey("weak-key");
        emu.publishExtraKey(new ECKeyGenerator(Curve.P_256).keyID("ec-key").generate().toPublicJWK());
        for (RSAKey key : List.of(encryptionKey, rs512Key, weakKey)) {
            emu.publishExtraKey(key.toPublicJWK());
        }
        SessionValidator validator = validator(config());

        assertThat(validator.validateSession(tokenSignedBy(emu.signingKey())).isValid()).isTrue();
        for (RSAKey key : List.of(encryptionKey, rs512Key, weakKey)) {
            assertThat(validator.validateSession(tokenSignedBy(key)).rejection()).as(key.getKeyID())
                    .contains(Rejection.UNKNOWN_KEY_ID);
        }
        String ecKid = TestTokens.session(SIGNING, clock.instant()).header("kid", "ec-key").signedWith(SIGNING);
        assertThat(validator.validateSession(ecKid).rejection()).contains(Rejection.UNKNOWN_KEY_ID);
    }

    @Test
    void jk02_duplicateKidsAreBothIgnored() {
        RSAKey twin = TestKeys.rsa("dup");
        RSAKey otherTwin = TestKeys.rsa("dup");
        CountingKeySource source = new CountingKeySource(TestKeys.jwks(SIGNING, twin, otherTwin));
        SessionValidator validator = SessionValidator.create(config().build(), source);

        assertThat(validator.validateSession(tokenSignedBy(twin)).rejection()).contains(Rejection.UNKNOWN_KEY_ID);
        assertThat(validator.validateSession(tokenSignedBy(otherTwin)).rejection()).contains(Rejection.UNKNOWN_KEY_ID);
        assertThat(validator.validateSession(tokenSignedBy(SIGNING)).isValid()).isTrue();
    }

    @Test
    void jk02_badJsonOrAKeySetWithoutUsableKeysKeepsTheLastGoodSet() throws Exception {
        SessionValidator validator = validator(config());
        String token = tokenSignedBy(emu.signingKey());
        assertThat(validator.validateSession(token).isValid()).isTrue();

        emu.faults().set(KEYS_PATH, Fault.malformedBody());
        clock.advance(TTL);
        assertThat(validator.validateSession(token).isValid()).isTrue();
        assertThat(validator.validateSession(tokenSignedBy(emu.signingKey())).isValid()).isTrue();
        assertThat(keyFetches()).as("the refetch happened and failed").isEqualTo(2);

        CountingKeySource source = new CountingKeySource(TestKeys.jwks(SIGNING));
        SessionValidator fromSource = SessionValidator.create(config().build(), source);
        String ours = tokenSignedBy(SIGNING);
        assertThat(fromSource.validateSession(ours).isValid()).isTrue();
        source.serve(TestKeys.jwks(weakRsaKey("weak-only")));
        clock.advance(TTL);
        assertThat(fromSource.validateSession(tokenSignedBy(SIGNING)).isValid()).isTrue();
        assertThat(source.fetches()).isEqualTo(2);
    }

    private static RSAKey weakRsaKey(String kid) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        var pair = generator.generateKeyPair();
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(kid).keyUse(KeyUse.SIGNATURE).build();
    }

    @Test
    void jk03_unknownKidFloodCausesAtMostOneFetchPerCooldown() throws Exception {
        SessionValidator validator = validator(config());
        assertThat(validator.validateSession(tokenSignedBy(emu.signingKey())).isValid()).isTrue();
        assertThat(keyFetches()).isEqualTo(1);

        flood(validator, 1_000);
        assertThat(keyFetches()).as("still inside the cooldown of the first fetch").isEqualTo(1);

        clock.advance(COOLDOWN);
        flood(validator, 1_000);
        assertThat(keyFetches()).isEqualTo(2);

        // A failed fetch counts as an attempt too.
        emu.faults().set(KEYS_PATH, Fault.status(503, null));
        clock.advance(COOLDOWN);
        flood(validator, 1_000);
        assertThat(keyFetches()).isEqualTo(3);
        flood(validator, 1_000);
        assertThat(keyFetches()).isEqualTo(3);
    }

    /** Validates {@code count} tokens with random kids from 8 threads; all must be refused. */
    private void flood(SessionValidator validator, int count) throws Exception {
        String token = tokenSignedBy(SIGNING);
        List<Callable<Rejection>> attempts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            attempts.add(() -> {
                String randomKid = TestTokens.session(SIGNING, clock.instant()).header("kid", UUID.randomUUID().toString())
                        .headerJson();
                String forged = TestTokens.b64(randomKid) + token.substring(token.indexOf('.'));
                return validator.validateSession(forged).rejection().orElseThrow();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Rejection> outcome : pool.invokeAll(attempts)) {
                assertThat(outcome.get()).isIn(Rejection.UNKNOWN_KEY_ID);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void singleFlight_200ConcurrentValidationsOfANewKidCauseExactlyOneFetch() throws Exception {
        SessionValidator validator = SessionValidator.create(SessionValidatorConfig.builder(PROJECT_ID).clock(clock)
                .build(), client::fetchKeySetJson); // real background fetch thread
        assertThat(validator.validateSession(tokenSignedBy(emu.signingKey())).isValid()).isTrue();
        emu.rotateKeys();
        clock.advance(COOLDOWN);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tokens.add(tokenSignedBy(emu.signingKey()));
        }
        long before = keyFetches();

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(200);
        try {
            List<Future<ValidationResult>> results = new ArrayList<>();
            for (String token : tokens) {
                results.add(pool.submit(() -> {
                    start.await();
                    return validator.validateSession(token);
                }));
            }
            start.countDown();
            for (Future<ValidationResult> result : results) {
                assertThat(result.get().isValid()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(keyFetches() - before).isEqualTo(1);
    }

    @Test
    void jk04_aNewKidIsAcceptedAfterOneRefetchAndARemovedKeyIsRefusedAfterTheTtl() {
        SessionValidator validator = validator(config());
        String oldToken = tokenSignedBy(emu.signingKey());
        assertThat(validator.validateSession(oldToken).isValid()).isTrue();

        emu.rotateKeys();
        clock.advance(COOLDOWN);
        String newToken = tokenSignedBy(emu.signingKey());
        assertThat(validator.validateSession(newToken).isValid()).isTrue();
        assertThat(keyFetches()).isEqualTo(2);

        emu.retireOldKeys();
        assertThat(validator.validateSession(oldToken).isValid()).as("the cached set still has it").isTrue();
        clock.advance(TTL);
        assertThat(validator.validateSession(oldToken).rejection()).contains(Rejection.UNKNOWN_KEY_ID);
        assertThat(validator.validateSession(newToken).isValid()).isTrue();
    }

    @Test
    void jk05_anOutageIsBridgedUpToTheToleranceThenValidationFailsClosed() {
        SessionValidator validator = validator(config().outageTolerance(Duration.ofHours(1)));
        String token = tokenSignedBy(emu.signingKey());
        assertThat(validator.validateSession(token).isValid()).isTrue();

        emu.faults().set(KEYS_PATH, Fault.status(503, null));
        clock.advance(TTL.plusMinutes(59));
        assertThat(validator.validateSession(token).isValid()).isTrue();
        assertThat(validator.validateSession(tokenSignedBy(emu.signingKey())).isValid()).isTrue();

        clock.advance(Duration.ofMinutes(1));
        // Fail closed, for cached tokens as much as for new ones.
        assertThat(validator.validateSession(token).rejection()).contains(Rejection.KEYS_UNAVAILABLE);
        assertThat(validator.validateSession(tokenSignedBy(emu.signingKey())).rejection())
                .contains(Rejection.KEYS_UNAVAILABLE);

        emu.faults().clear();
        clock.advance(COOLDOWN);
        assertThat(validator.validateSession(token).isValid()).as("recovered").isTrue();
    }

    @Test
    void jk06_keysUnreachableAtColdStartFailClosedWithoutHammeringAndRecover() {
        emu.faults().set(KEYS_PATH, Fault.status(503, null));
        SessionValidator validator = validator(config()); // construction needs no keys
        String token = tokenSignedBy(emu.signingKey());

        for (int i = 0; i < 50; i++) {
            assertThat(validator.validateSession(token).rejection()).contains(Rejection.KEYS_UNAVAILABLE);
        }
        assertThat(keyFetches()).isEqualTo(1);

        emu.faults().clear();
        clock.advance(COOLDOWN);
        assertThat(validator.validateSession(token).isValid()).isTrue();
    }

    @Test
    void jk07_aSlowKeyEndpointNeverHoldsCallersBeyondTheWaitAndRefreshAheadDoesNotBlock() {
        SessionValidatorConfig.Builder backgroundFetches = SessionValidatorConfig.builder(PROJECT_ID).clock(clock)
                .keyFetchWait(Duration.ofMillis(200));
        SessionValidator warm = SessionValidator.create(backgroundFetches.build(), client::fetchKeySetJson);
        String token = tokenSignedBy(emu.signingKey());
        assertThat(warm.validateSession(token).isValid()).isTrue();

        emu.faults().set(KEYS_PATH, Fault.latency(Duration.ofSeconds(30)));
        // Cold start against a hanging endpoint: refused after the bounded wait, not after 30 s.
        SessionValidator cold = SessionValidator.create(backgroundFetches.build(), client::fetchKeySetJson);
        assertThat(cold.validateSession(token).rejection()).contains(Rejection.KEYS_UNAVAILABLE);

        // Warm: the refresh-ahead fetch hangs in the background while callers keep being served.
        clock.advance(TTL.minusSeconds(30));
        assertThat(warm.validateSession(tokenSignedBy(emu.signingKey())).isValid()).isTrue();
        clock.advance(Duration.ofMinutes(10)); // past the TTL: stale but within the outage tolerance
        assertThat(warm.validateSession(tokenSignedBy(emu.signingKey())).isValid()).isTrue();
    }

    @Test
    void rl09_aWarmKeySetServesTheHotPathWithoutNetworkCalls() {
        SessionValidator validator = validator(config());
        String token = tokenSignedBy(emu.signingKey());
        Duration elapsed = Duration.ZERO;
        for (int i = 0; i < 20_000; i++) {
            assertThat(validator.validateSession(i % 100 == 0 ? tokenSignedBy(emu.signingKey()) : token).isValid()).isTrue();
            if (i % 100 == 99) {
                clock.advance(Duration.ofSeconds(1));
                elapsed = elapsed.plusSeconds(1);
            }
        }
        // 200 s of traffic: inside the first TTL, so only the first fetch. Then 15 min more: one refetch per
        // TTL - refreshAhead (4 min) at most.
        assertThat(keyFetches()).isEqualTo(1);
        for (int second = 0; second < 15 * 60; second++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(validator.validateSession(token).isValid()).isTrue();
        }
        assertThat(keyFetches()).isBetween(4L, 5L);
    }
}
