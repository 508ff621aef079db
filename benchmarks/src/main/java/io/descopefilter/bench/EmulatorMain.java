package io.descopefilter.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.RateLimit;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The emulator's JVM of the end-to-end benchmark: a {@link DescopeEmulator} on a free loopback port, a user for the
 * landing, and a file of distinct signed-in users' session JWTs. Prints {@code READY <baseUrl>} and serves until its
 * standard input closes (the harness holds the other end, so the process also ends when the harness dies).
 *
 * <p>The session JWTs are signed here with an RSA key the emulator publishes in its JWKS next to its own, so the
 * filter and the SDK fetch and trust it like any Descope key. The key and the tokens are kept under the work
 * directory and reused while the tokens have more than {@link #MIN_REMAINING} to live: signing 200 000 RS256
 * tokens costs minutes of CPU, which would otherwise dominate every run.
 *
 * <p>Usage: {@code EmulatorMain <workDir> <tokenCount>}.
 */
public final class EmulatorMain {

    static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";
    static final String MANAGEMENT_KEY = "K2benchmarkManagementKey0123456789abcdef";
    static final String LANDING_USER = "ada@example.com";

    private static final Duration TOKEN_TTL = Duration.ofHours(30);
    private static final Duration MIN_REMAINING = Duration.ofHours(6);

    private EmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Path workDir = Path.of(args[0]);
        int tokenCount = Integer.parseInt(args[1]);
        Files.createDirectories(workDir);
        DescopeEmulator emulator = DescopeEmulator.builder()
                .projectId(PROJECT_ID)
                .managementKey(MANAGEMENT_KEY)
                .port(0)
                .sessionTtl(Duration.ofDays(1))
                .linkTtl(Duration.ofHours(1))
                .rateLimit(RateLimit.unlimited())
                .start();
        try (emulator) {
            emulator.createUser(realistic(LANDING_USER));
            RSAKey key = tokenKey(workDir);
            emulator.publishExtraKey(key);
            Path tokens = workDir.resolve("tokens.txt");
            if (!reusable(workDir, key, tokens, tokenCount)) {
                mint(key, tokens, tokenCount);
                Files.writeString(workDir.resolve("tokens.meta"), key.getKeyID() + " " + tokenCount + " "
                        + Instant.now().plus(TOKEN_TTL).getEpochSecond());
            }
            System.out.println("READY " + emulator.baseUrl());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // nothing to do; EOF (the harness closing the pipe or exiting) stops the emulator
            }
        }
    }

    /** A session as rich as a typical application's: roles, permissions, a tenant and two custom claims. */
    private static EmulatorUser realistic(String loginId) {
        return EmulatorUser.builder(loginId).email(loginId).name("Ada Lovelace")
                .roles("editor", "viewer").permissions("doc.read", "doc.write")
                .tenant("T2aAc4T2V93bddihGEx2Ryhc8e5", List.of("tenant-admin"), List.of("billing.read"))
                .build();
    }

    private static RSAKey tokenKey(Path workDir) throws Exception {
        Path file = workDir.resolve("token-key.json");
        if (Files.exists(file)) {
            return RSAKey.parse(Files.readString(file));
        }
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-" + UUID.randomUUID()).algorithm(JWSAlgorithm.RS256)
                .generate();
        Files.writeString(file, key.toJSONString());
        return key;
    }

    private static boolean reusable(Path workDir, RSAKey key, Path tokens, int tokenCount) throws Exception {
        Path meta = workDir.resolve("tokens.meta");
        if (!Files.exists(meta) || !Files.exists(tokens)) {
            return false;
        }
        String[] fields = Files.readString(meta).trim().split(" ");
        return fields.length == 3 && fields[0].equals(key.getKeyID()) && Integer.parseInt(fields[1]) >= tokenCount
                && Instant.ofEpochSecond(Long.parseLong(fields[2])).isAfter(Instant.now().plus(MIN_REMAINING));
    }

    /** Distinct users, one session JWT each, shaped like the emulator's own (see its TokenIssuer). */
    private static void mint(RSAKey key, Path tokens, int count) throws Exception {
        long start = System.nanoTime();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String[]>> parts = new ArrayList<>();
        int chunk = (count + threads - 1) / threads;
        Instant now = Instant.now();
        for (int t = 0; t < threads; t++) {
            int from = t * chunk;
            int to = Math.min(count, from + chunk);
            parts.add(pool.submit(() -> {
                RSASSASigner signer = new RSASSASigner(key);
                JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT).build();
                String[] out = new String[Math.max(0, to - from)];
                for (int i = from; i < to; i++) {
                    JWTClaimsSet claims = new JWTClaimsSet.Builder()
                            .claim("plan", "gold").claim("region", "eu-west-1")
                            .issuer(PROJECT_ID)
                            .subject(String.format("U2bench%021d", i))
                            .issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(TOKEN_TTL)))
                            .jwtID(UUID.randomUUID().toString())
                            .claim("amr", List.of("email"))
                            .claim("drn", "DS")
                            .claim("roles", List.of("editor", "viewer"))
                            .claim("permissions", List.of("doc.read", "doc.write"))
                            .claim("tenants", Map.of("T2aAc4T2V93bddihGEx2Ryhc8e5", Map.of(
                                    "roles", List.of("tenant-admin"), "permissions", List.of("billing.read"))))
                            .build();
                    SignedJWT jwt = new SignedJWT(header, claims);
                    jwt.sign(signer);
                    out[i - from] = jwt.serialize();
                }
                return out;
            }));
        }
        Path partial = tokens.resolveSibling("tokens.txt.partial");
        try (BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.US_ASCII)) {
            for (Future<String[]> part : parts) {
                for (String token : part.get()) {
                    writer.write(token);
                    writer.write('\n');
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Files.move(partial, tokens, StandardCopyOption.REPLACE_EXISTING);
        System.err.printf("minted %d session JWTs in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
    }
}
