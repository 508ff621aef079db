package io.descopefilter.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import io.descopefilter.testsupport.TestClock;

import static io.descopefilter.core.TestKeys.ATTACKER;
import static io.descopefilter.core.TestKeys.SIGNING;
import static io.descopefilter.core.TestTokens.PROJECT_ID;
import static io.descopefilter.core.TestTokens.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Security checklist JW-01 … JW-20: session JWT validation, with keys and tokens made here. */
class JwtValidationTest {

    private final TestClock clock = TestClock.startingNow();
    private final CountingKeySource keySource = new CountingKeySource(TestKeys.jwks(SIGNING, TestKeys.OTHER));
    private final SessionValidator validator = validator(config());

    private SessionValidatorConfig.Builder config() {
        return SessionValidatorConfig.builder(PROJECT_ID).clock(clock).keyFetchExecutor(Runnable::run);
    }

    private SessionValidator validator(SessionValidatorConfig.Builder config) {
        return SessionValidator.create(config.build(), keySource);
    }

    private TestTokens session() {
        return TestTokens.session(SIGNING, clock.instant());
    }

    private Rejection rejectionOf(String token) {
        return rejectionOf(validator, token);
    }

    private static Rejection rejectionOf(SessionValidator validator, String token) {
        ValidationResult result = validator.validateSession(token);
        assertThat(result.isValid()).as("validity of a hostile token").isFalse();
        assertThat(result.session()).isEmpty();
        return result.rejection().orElseThrow();
    }

    @Test
    void aWellFormedSessionIsAccepted() {
        assertThat(validator.validateSession(session().signedWith(SIGNING)).isValid()).isTrue();
    }

    @Test
    void jw01_algNoneInAnyCaseIsRejected() {
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            TestTokens token = session().header("alg", none);
            String unsigned = b64(token.headerJson()) + "." + b64(token.claimsJson());
            assertThat(rejectionOf(unsigned + ".")).isEqualTo(Rejection.MALFORMED);
            // With some signature bytes the header is parsed, and the algorithm is refused.
            assertThat(rejectionOf(unsigned + ".c2ln")).isIn(Rejection.ALGORITHM_NOT_ALLOWED, Rejection.MALFORMED);
        }
    }

    @Test
    void jw02_strippedSignatureIsRejected() {
        String token = session().signedWith(SIGNING);
        String stripped = token.substring(0, token.lastIndexOf('.') + 1);

        assertThat(rejectionOf(stripped)).isEqualTo(Rejection.MALFORMED);
        assertThat(rejectionOf(stripped.substring(0, stripped.length() - 1))).isEqualTo(Rejection.MALFORMED);
    }

    @Test
    void jw03_payloadChangedUnderTheOriginalSignatureIsRejected() {
        String[] parts = session().signedWith(SIGNING).split("\\.");
        String forgedPayload = b64(session().claim("sub", "admin").claim("roles", List.of("admin")).claimsJson());

        assertThat(rejectionOf(parts[0] + "." + forgedPayload + "." + parts[2])).isEqualTo(Rejection.BAD_SIGNATURE);
    }

    @Test
    void jw04_hmacTokensKeyedWithThePublicKeyOrCommonSecretsAreRejected() throws Exception {
        byte[] der = SIGNING.toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        List<byte[]> secrets = List.of(
                pem.getBytes(StandardCharsets.US_ASCII),
                der,
                SIGNING.getModulus().decode(),
                SIGNING.toJSONString().getBytes(StandardCharsets.UTF_8),
                new byte[1], // HMAC pads keys with zeros: the same MAC as the blank secret
                "secret".getBytes(StandardCharsets.US_ASCII),
                "password".getBytes(StandardCharsets.US_ASCII));
        for (String alg : List.of("HS256", "HS384", "HS512")) {
            for (byte[] secret : secrets) {
                TestTokens token = session().header("alg", alg);
                String signingInput = b64(token.headerJson()) + "." + b64(token.claimsJson());
                String mac = Base64URL.encode(hmac(alg, secret, signingInput)).toString();

                assertThat(rejectionOf(signingInput + "." + mac)).isEqualTo(Rejection.ALGORITHM_NOT_ALLOWED);
            }
        }
    }

    private static byte[] hmac(String alg, byte[] secret, String input) throws Exception {
        String jca = "HmacSHA" + alg.substring(2);
        Mac mac = Mac.getInstance(jca);
        mac.init(new SecretKeySpec(secret, jca));
        return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void jw05_ecPssAndUnlistedRsaAlgorithmsAndThePsychicSignatureAreRejected() throws JOSEException {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(SIGNING.getKeyID()).generate();
        String payload = session().claimsJson();
        String es256 = jws(JWSAlgorithm.ES256, payload, new ECDSASigner(ec));
        String ps256 = jws(JWSAlgorithm.PS256, payload, new RSASSASigner(SIGNING));
        String rs512 = session().header("alg", "RS512").signedWith(SIGNING);
        String signingInput = es256.substring(0, es256.lastIndexOf('.'));
        String psychicP1363 = signingInput + "." + Base64URL.encode(new byte[64]);
        String psychicDer = signingInput + ".MAYCAQACAQA";

        for (String token : List.of(es256, ps256, rs512, psychicP1363, psychicDer)) {
            assertThat(rejectionOf(token)).isEqualTo(Rejection.ALGORITHM_NOT_ALLOWED);
        }
        // RS512 is refused because it is not on the list, not because it cannot be verified:
        SessionValidator rs512Allowed = validator(config().allowedAlgorithms(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS512)));
        // ... but the published key says alg RS256, so it may only verify RS256 tokens.
        assertThat(rejectionOf(rs512Allowed, rs512)).isEqualTo(Rejection.ALGORITHM_NOT_ALLOWED);
        keySource.serve(TestKeys.jwks(new RSAKey.Builder(SIGNING).algorithm(null).build()));
        SessionValidator anyRsaKey = validator(config().allowedAlgorithms(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS512)));
        assertThat(anyRsaKey.validateSession(rs512).isValid()).isTrue();
    }

    private String jws(JWSAlgorithm alg, String payload, JWSSigner signer) throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).keyID(SIGNING.getKeyID()).build(), new Payload(payload));
        jws.sign(signer);
        return jws.serialize();
    }

    @Test
    void jw06_embeddedKeysAndKeyUrlsInTheHeaderAreIgnoredAndNeverFetched() throws Exception {
        AtomicInteger canaryHits = new AtomicInteger();
        HttpServer canary = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        canary.createContext("/", exchange -> {
            canaryHits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        canary.start();
        try {
            String canaryUrl = "http://127.0.0.1:" + canary.getAddress().getPort();
            Map<String, Object> attackerJwk = ATTACKER.toPublicJWK().toJSONObject();
            List<String> x5c = List.of(Base64.getEncoder().encodeToString(ATTACKER.toRSAPublicKey().getEncoded()));
            TestTokens attackerHeaders = session().header("jwk", attackerJwk).header("jku", canaryUrl + "/jwks")
                    .header("x5u", canaryUrl + "/cert").header("x5c", x5c);

            String attackerKid = attackerHeaders.header("kid", ATTACKER.getKeyID()).signedWith(ATTACKER);
            String ourKidTheirSignature = attackerHeaders.header("kid", SIGNING.getKeyID()).signedWith(ATTACKER);
            String ourSignature = attackerHeaders.header("kid", SIGNING.getKeyID()).signedWith(SIGNING);

            assertThat(rejectionOf(attackerKid)).isEqualTo(Rejection.UNKNOWN_KEY_ID);
            assertThat(rejectionOf(ourKidTheirSignature)).isEqualTo(Rejection.BAD_SIGNATURE);
            // The headers are simply ignored: a token our key signed does not fail because of them.
            assertThat(validator.validateSession(ourSignature).isValid()).isTrue();
            assertThat(canaryHits).hasValue(0);
        } finally {
            canary.stop(0);
        }
    }

    @Test
    void jw07_hostileKidValuesAreOpaqueInMemoryLookups() {
        validator.validateSession(session().signedWith(SIGNING)); // warms the key set: one fetch
        for (String kid : List.of("../../../../dev/null", "/dev/null", "' UNION SELECT 'k'--", "|sleep 10",
                "$(curl 127.0.0.1)", "k".repeat(200))) {
            assertThat(rejectionOf(session().header("kid", kid).signedWith(SIGNING))).isEqualTo(Rejection.UNKNOWN_KEY_ID);
        }
        assertThat(rejectionOf(session().header("kid", "").signedWith(SIGNING))).isEqualTo(Rejection.MISSING_KEY_ID);
        assertThat(rejectionOf(session().header("kid", " ").signedWith(SIGNING))).isEqualTo(Rejection.MISSING_KEY_ID);
        assertThat(rejectionOf(session().header("kid", 42).signedWith(SIGNING))).isEqualTo(Rejection.MALFORMED);
        assertThat(rejectionOf(session().withoutHeader("kid").signedWith(SIGNING))).isEqualTo(Rejection.MISSING_KEY_ID);
        assertThat(rejectionOf(session().header("kid", "k".repeat(300)).signedWith(SIGNING))).isEqualTo(Rejection.MISSING_KEY_ID);
        assertThat(rejectionOf(session().header("kid", "k".repeat(1024 * 1024)).signedWith(SIGNING))).isEqualTo(Rejection.TOO_LONG);
        // Unknown kids inside the cooldown were answered from memory: no fetch beyond the first.
        assertThat(keySource.fetches()).isEqualTo(1);
    }

    @Test
    void jw08_expiredBeyondTheLeewayOrWithoutExpIsRejected() {
        Instant now = clock.instant();
        assertThat(rejectionOf(session().claim("exp", now.minusSeconds(6).getEpochSecond()).signedWith(SIGNING)))
                .isEqualTo(Rejection.EXPIRED);
        assertThat(rejectionOf(session().claim("exp", now.minusSeconds(5).getEpochSecond()).signedWith(SIGNING)))
                .isEqualTo(Rejection.EXPIRED);
        assertThat(validator.validateSession(session().claim("exp", now.minusSeconds(4).getEpochSecond())
                .signedWith(SIGNING)).isValid()).as("within the 5 s leeway").isTrue();
        assertThat(rejectionOf(session().without("exp").signedWith(SIGNING))).isEqualTo(Rejection.MISSING_EXPIRY);
        assertThatThrownBy(() -> config().leeway(Duration.ofSeconds(61)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jw09_futureNbfAndFarFutureIatAreRejected() {
        Instant now = clock.instant();
        assertThat(rejectionOf(session().claim("nbf", now.plusSeconds(60).getEpochSecond()).signedWith(SIGNING)))
                .isEqualTo(Rejection.NOT_YET_VALID);
        assertThat(rejectionOf(session().claim("iat", now.plusSeconds(3600).getEpochSecond()).signedWith(SIGNING)))
                .isEqualTo(Rejection.NOT_YET_VALID);
        assertThat(validator.validateSession(session().claim("nbf", now.plusSeconds(4).getEpochSecond())
                .claim("iat", now.plusSeconds(4).getEpochSecond()).signedWith(SIGNING)).isValid())
                .as("clock skew within the leeway").isTrue();
    }

    @Test
    void jw10_malformedTimeClaimTypesAreRejectedNeverTreatedAsAbsent() {
        long future = clock.instant().plusSeconds(600).getEpochSecond();
        List<Object> malformed = List.of("9999999999", String.valueOf(future), future + 0.5, (double) future, true,
                new BigInteger("100000000000000000000000000000"), -1L, List.of(future), Map.of("v", future));
        for (String claim : List.of("exp", "nbf", "iat")) {
            for (Object value : malformed) {
                assertThat(rejectionOf(session().claim(claim, value).signedWith(SIGNING)))
                        .as("%s = %s", claim, value).isEqualTo(Rejection.MALFORMED_CLAIMS);
            }
        }
        // JSON null is present-but-malformed, not absent (an absent nbf would simply be skipped).
        assertThat(rejectionOf(TestTokens.signRaw(SIGNING, session().headerJson(),
                session().claimsJson().replaceFirst("^\\{", "{\"nbf\":null,")))).isEqualTo(Rejection.MALFORMED_CLAIMS);
    }

    @Test
    void jw11_issuerMustBeThisProject() {
        String otherProject = "P2zzz4T2V93bddihGEx2Ryhc8e5Z";
        for (Object issuer : List.of(otherProject, "https://api.descope.com/" + otherProject,
                "https://api.descope.com/" + PROJECT_ID + "/other", "https://api.descope.com/x" + PROJECT_ID,
                PROJECT_ID + "x", "x" + PROJECT_ID, "https://api.descope.com/" + PROJECT_ID + "?a=b",
                "https://api.descope.com/" + PROJECT_ID + "#" + PROJECT_ID, "ftp://api.descope.com/" + PROJECT_ID,
                "https:///" + PROJECT_ID, "")) {
            assertThat(rejectionOf(session().claim("iss", issuer).signedWith(SIGNING))).as("iss %s", issuer)
                    .isEqualTo(Rejection.WRONG_ISSUER);
        }
        assertThat(rejectionOf(session().without("iss").signedWith(SIGNING))).isEqualTo(Rejection.WRONG_ISSUER);
        assertThat(rejectionOf(session().claim("iss", List.of(PROJECT_ID)).signedWith(SIGNING)))
                .isEqualTo(Rejection.MALFORMED_CLAIMS);
        // Contract §7: the OIDC "conformance issuer" is a URL whose last path segment is the project ID; it is
        // accepted for the Descope base URL the validator is configured with (here the project's default).
        assertThat(validator.validateSession(session().claim("iss", "https://api.descope.com/" + PROJECT_ID)
                .signedWith(SIGNING)).isValid()).isTrue();
        SessionValidator customDomain = validator(config().baseUrl("https://auth.example.com/v1/apps"));
        assertThat(customDomain.validateSession(session().claim("iss", "https://auth.example.com/v1/apps/" + PROJECT_ID)
                .signedWith(SIGNING)).isValid()).isTrue();
    }

    @Test
    void jw11_issuerExactness_onlyTheProjectIdAndTheConfiguredBaseUrlsIssuerAreAccepted() {
        for (String foreign : List.of("https://evil.example/" + PROJECT_ID, "http://api.descope.com/" + PROJECT_ID,
                "https://api.descope.com.evil.example/" + PROJECT_ID, "https://API.descope.com/" + PROJECT_ID,
                "https://api.descope.com/" + PROJECT_ID + "/", "https://api.descope.com//" + PROJECT_ID,
                "https://api.descope.com/v1/apps/" + PROJECT_ID, "https://auth.example.com/v1/apps/" + PROJECT_ID,
                " " + PROJECT_ID)) {
            assertThat(rejectionOf(session().claim("iss", foreign).signedWith(SIGNING))).as("iss %s", foreign)
                    .isEqualTo(Rejection.WRONG_ISSUER);
        }
        assertThat(validator.validateSession(session().claim("iss", PROJECT_ID).signedWith(SIGNING)).isValid())
                .isTrue();

        // A custom base URL: its issuer and the bare project ID, but no longer api.descope.com's.
        SessionValidator custom = validator(config().baseUrl("https://auth.example.com/"));
        assertThat(custom.validateSession(session().claim("iss", "https://auth.example.com/" + PROJECT_ID)
                .signedWith(SIGNING)).isValid()).isTrue();
        assertThat(custom.validateSession(session().claim("iss", PROJECT_ID).signedWith(SIGNING)).isValid()).isTrue();
        assertThat(rejectionOf(custom, session().claim("iss", "https://api.descope.com/" + PROJECT_ID)
                .signedWith(SIGNING))).isEqualTo(Rejection.WRONG_ISSUER);
        assertThat(rejectionOf(custom, session().claim("iss", "https://evil.example/" + PROJECT_ID)
                .signedWith(SIGNING))).isEqualTo(Rejection.WRONG_ISSUER);
    }

    @Test
    void jw11_issuerExactness_aRegionalProjectAcceptsItsRegionalAndTheGlobalIssuer() {
        String regional = "Puse12aAc4T2V93bddihGEx2Ryhc8e5Z";
        SessionValidatorConfig config = SessionValidatorConfig.builder(regional).build();

        assertThat(config.acceptedIssuers()).containsExactlyInAnyOrder(regional,
                "https://api.use1.descope.com/" + regional, "https://api.descope.com/" + regional);
        assertThat(SessionValidatorConfig.builder(regional).baseUrl("http://127.0.0.1:4500").build().acceptedIssuers())
                .containsExactlyInAnyOrder(regional, "http://127.0.0.1:4500/" + regional);
    }

    @Test
    void jw12_audienceIsEnforcedWhenConfigured() {
        SessionValidator withAudience = validator(config().audience("my-app"));

        assertThat(rejectionOf(withAudience, session().signedWith(SIGNING))).isEqualTo(Rejection.WRONG_AUDIENCE);
        assertThat(rejectionOf(withAudience, session().claim("aud", "other-app").signedWith(SIGNING)))
                .isEqualTo(Rejection.WRONG_AUDIENCE);
        assertThat(rejectionOf(withAudience, session().claim("aud", List.of("other-app")).signedWith(SIGNING)))
                .isEqualTo(Rejection.WRONG_AUDIENCE);
        assertThat(rejectionOf(withAudience, session().claim("aud", 7).signedWith(SIGNING)))
                .isEqualTo(Rejection.MALFORMED_CLAIMS);
        assertThat(withAudience.validateSession(session().claim("aud", "my-app").signedWith(SIGNING)).isValid()).isTrue();
        assertThat(withAudience.validateSession(session().claim("aud", List.of("x", "my-app")).signedWith(SIGNING))
                .isValid()).isTrue();
        // Without a configured audience, aud is not checked (Descope session JWTs usually carry none).
        assertThat(validator.validateSession(session().claim("aud", "other-app").signedWith(SIGNING)).isValid()).isTrue();
    }

    @Test
    void jw13_unknownCritHeaderIsRejected() {
        String crit = session().header("crit", List.of("bork")).header("bork", true).signedWith(SIGNING);
        String unencodedPayload = session().header("crit", List.of("b64")).header("b64", false).signedWith(SIGNING);

        assertThat(rejectionOf(crit)).isEqualTo(Rejection.UNSUPPORTED_HEADER);
        assertThat(rejectionOf(unencodedPayload)).isEqualTo(Rejection.UNSUPPORTED_HEADER);
    }

    @Test
    void jw14_duplicateJsonMembersAreRejected() {
        String header = "{\"alg\":\"RS256\",\"alg\":\"none\",\"kid\":\"" + SIGNING.getKeyID() + "\"}";
        String twoSubs = session().claimsJson().replaceFirst("^\\{", "{\"sub\":\"u1\",\"sub\":\"admin\",");
        String twoKids = "{\"alg\":\"RS256\",\"kid\":\"" + SIGNING.getKeyID() + "\",\"kid\":\"other\"}";

        assertThat(rejectionOf(TestTokens.signRaw(SIGNING, header, session().claimsJson()))).isEqualTo(Rejection.MALFORMED);
        assertThat(rejectionOf(TestTokens.signRaw(SIGNING, twoKids, session().claimsJson()))).isEqualTo(Rejection.MALFORMED);
        assertThat(rejectionOf(TestTokens.signRaw(SIGNING, session().headerJson(), twoSubs)))
                .isEqualTo(Rejection.MALFORMED_CLAIMS);
    }

    @Test
    void jw15_jweNestedJweAndPbes2AreRejectedBeforeAnyKeyLookup() {
        String pbes2 = b64("{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A128GCM\",\"p2c\":2147483647,\"p2s\":\"c2FsdA\",\"zip\":\"DEF\"}");
        String jwe = pbes2 + ".ZW5jcnlwdGVka2V5.aXZpdml2aXZpdml2.Y2lwaGVydGV4dA.dGFnZ2VkdGFnZ2Vk";
        String dirJwe = b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"cty\":\"JWT\"}") + "..aXZpdml2aXZpdml2.Y2lwaGVydGV4dA.dGFn";
        String plainInside = b64("{\"alg\":\"none\"}") + "." + b64(session().claimsJson()) + ".";

        for (String token : List.of(jwe, dirJwe, plainInside)) {
            assertThat(rejectionOf(token)).isEqualTo(Rejection.MALFORMED);
        }
        assertThat(keySource.fetches()).as("no key was even looked up").isZero();
    }

    @Test
    void jw16_oversizedManyDotsDeepNestingAndNonCanonicalBase64AreRejectedFast() {
        String valid = session().signedWith(SIGNING);
        assertThat(rejectionOf("a".repeat(1024 * 1024))).isEqualTo(Rejection.TOO_LONG);
        assertThat(rejectionOf(".".repeat(10_000))).isEqualTo(Rejection.TOO_LONG);
        assertThat(rejectionOf("a.".repeat(3000) + "a")).isEqualTo(Rejection.MALFORMED);
        for (String variant : List.of(valid + "=", valid.replaceFirst("\\.", "=."), " " + valid, valid + " ",
                valid.replace('-', '+').replace('_', '/') + (valid.contains("-") || valid.contains("_") ? "" : "+"),
                valid.substring(0, 40) + " " + valid.substring(41), valid + "\n")) {
            assertThat(rejectionOf(variant)).isEqualTo(Rejection.MALFORMED);
        }
        // Deep nesting in the (unverified) header and in the (verified) payload: refused, no StackOverflowError.
        String deepHeader = "{\"alg\":\"RS256\",\"kid\":\"" + SIGNING.getKeyID() + "\",\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
        assertThat(rejectionOf(TestTokens.signRaw(SIGNING, deepHeader, session().claimsJson()))).isEqualTo(Rejection.MALFORMED);
        String deepPayload = session().claimsJson().replaceFirst("^\\{", "{\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + ",");
        SessionValidator roomy = validator(config().maxTokenLength(64 * 1024));
        assertThat(rejectionOf(roomy, TestTokens.signRaw(SIGNING, session().headerJson(), deepPayload)))
                .isEqualTo(Rejection.MALFORMED_CLAIMS);
        assertThat(rejectionOf(TestTokens.signRaw(SIGNING, session().headerJson(), deepPayload)))
                .isEqualTo(Rejection.TOO_LONG);
    }

    @Test
    void jw17_unexpectedExceptionsAnywhereMeanNotAuthenticated() {
        String valid = session().signedWith(SIGNING);
        Clock broken = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                throw new IllegalStateException("clock failure");
            }

            @Override
            public long millis() {
                throw new IllegalStateException("clock failure");
            }
        };
        assertThat(rejectionOf(SessionValidator.create(config().clock(broken).build(), keySource), valid))
                .isEqualTo(Rejection.INTERNAL_ERROR);

        for (RuntimeException sourceFailure : List.of(new IllegalStateException("boom"), new NullPointerException())) {
            keySource.fail(sourceFailure);
            assertThat(rejectionOf(validator(config()), valid)).isEqualTo(Rejection.KEYS_UNAVAILABLE);
        }
        keySource.failWith(() -> {
            throw new StackOverflowError();
        });
        assertThat(rejectionOf(validator(config()), valid)).isEqualTo(Rejection.KEYS_UNAVAILABLE);
        keySource.serve("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k\",\"n\":\"!!\",\"e\":\"AQAB\"}]}");
        assertThat(rejectionOf(validator(config()), valid)).isEqualTo(Rejection.KEYS_UNAVAILABLE);

        // Every one-character mutation of a valid token is refused, and none throws.
        keySource.serve(TestKeys.jwks(SIGNING));
        SessionValidator fresh = validator(config().verifiedTokenCacheSize(0));
        Random random = new Random(17);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \u0000é";
        for (int i = 0; i < 2_000; i++) {
            char[] chars = valid.toCharArray();
            int at = random.nextInt(chars.length);
            char replacement = alphabet.charAt(random.nextInt(alphabet.length()));
            if (chars[at] == replacement) {
                continue;
            }
            chars[at] = replacement;
            assertThat(fresh.validateSession(new String(chars)).isValid()).as("mutation at %d", at).isFalse();
        }
    }

    @Test
    void jw18_claimsOfABadlySignedTokenAreNeverRead() {
        String canary = "CANARY-" + System.nanoTime();
        String badClaims = session().claim("iss", canary).claim("exp", "not-a-number").claim("drn", "DSR")
                .signedWith(ATTACKER);
        String notJson = TestTokens.signRaw(ATTACKER, session().headerJson(), canary);
        String[] forged = new String[] {badClaims, notJson};
        for (String token : forged) {
            String[] parts = token.split("\\.");
            String withOurKid = TestTokens.b64(session().headerJson()) + "." + parts[1] + "." + parts[2];
            ValidationResult result = validator.validateSession(withOurKid);
            // Had the claims been read first, the answer would be WRONG_ISSUER or MALFORMED_CLAIMS.
            assertThat(result.rejection()).contains(Rejection.BAD_SIGNATURE);
            assertThat(result.toString()).doesNotContain(canary);
        }
    }

    @Test
    void jw19_otherDescopeTokenKindsAreRejectedAsSessions() {
        String refresh = TestTokens.refresh(SIGNING, clock.instant()).signedWith(SIGNING);
        String accessKey = session().without("drn").claim("sub", "K2accessKeyId").claim("permissions", List.of("x"))
                .signedWith(SIGNING);
        String oidcIdToken = session().without("drn").claim("aud", "client-id").claim("nonce", "n")
                .claim("iss", "https://api.descope.com/" + PROJECT_ID).signedWith(SIGNING);
        String otherDrn = session().claim("drn", "DSA").signedWith(SIGNING);
        String lowerCase = session().claim("drn", "ds").signedWith(SIGNING);

        for (String token : List.of(refresh, accessKey, oidcIdToken, otherDrn, lowerCase)) {
            assertThat(rejectionOf(token)).isEqualTo(Rejection.WRONG_TOKEN_KIND);
        }
        assertThat(rejectionOf(session().claim("drn", 1).signedWith(SIGNING))).isEqualTo(Rejection.MALFORMED_CLAIMS);
    }

    /**
     * A deny-list is not part of core (the jakarta layer would hold it). What core guarantees: a signed token has
     * exactly one accepted spelling, so re-encoding cannot make a "new" token, and the session exposes
     * {@code jti}/{@code sid} for a deny-list keyed by them rather than by the token text.
     */
    @Test
    void jw20_reEncodedTokenIsRejectedAndTheSessionExposesItsIds() {
        String token = session().claim("jti", "J-1").claim("sid", "S-1").signedWith(SIGNING);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        // 256 signature bytes are 342 characters: the last one carries 4 spare bits. Setting them keeps the bytes.
        char last = signature.charAt(signature.length() - 1);
        char sameBytes = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                .charAt("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(last) | 0x01);
        String reEncoded = token.substring(0, token.length() - 1) + sameBytes;
        assertThat(Base64URL.from(reEncoded.substring(reEncoded.lastIndexOf('.') + 1)).decode())
                .isEqualTo(Base64URL.from(signature).decode());

        assertThat(rejectionOf(reEncoded)).isEqualTo(Rejection.MALFORMED);
        assertThat(rejectionOf(token + "==")).isEqualTo(Rejection.MALFORMED);
        DescopeSession session = validator.validateSession(token).session().orElseThrow();
        assertThat(session.customClaims()).containsEntry("jti", "J-1").containsEntry("sid", "S-1");
    }

    @Test
    void tokenTextNeverAppearsInResults() {
        String token = session().signedWith(SIGNING);
        List<String> printed = new ArrayList<>();
        printed.add(validator.validateSession(token).toString());
        printed.add(validator.validateSession(token + "x").toString());
        for (String text : printed) {
            assertThat(text).doesNotContain(token.substring(token.lastIndexOf('.') + 1, token.lastIndexOf('.') + 20));
            assertThat(text).doesNotContain(token.substring(0, 20));
        }
    }
}
