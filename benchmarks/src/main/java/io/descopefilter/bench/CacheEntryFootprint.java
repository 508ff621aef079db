package io.descopefilter.bench;

import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.DescopeClientConfig;
import io.descopefilter.core.SessionValidator;
import io.descopefilter.core.SessionValidatorConfig;
import io.descopefilter.core.ValidationResult;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.RateLimit;
import org.openjdk.jol.info.GraphLayout;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The heap one verified-token cache entry costs: {@code n} distinct users' session JWTs (as rich as the benchmark's:
 * roles, permissions, a tenant, two custom claims) are validated into a validator sized for them, and the live heap
 * is compared with the same validator before, after a full GC, with nothing else holding the tokens. JOL's object
 * graph of one entry gives the breakdown by class.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.descopefilter.bench.CacheEntryFootprint [n]}.
 */
public final class CacheEntryFootprint {

    private CacheEntryFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        // JOL cannot ask Unsafe for the field offsets of records (DescopeSession is one) without this.
        System.setProperty("jol.magicFieldOffset", "true");
        try (DescopeEmulator emulator = DescopeEmulator.builder().projectId(EmulatorMain.PROJECT_ID)
                .managementKey(EmulatorMain.MANAGEMENT_KEY).port(0).sessionTtl(Duration.ofDays(1))
                .rateLimit(RateLimit.unlimited()).start();
             DescopeClient client = DescopeClient.create(DescopeClientConfig.builder()
                     .projectId(EmulatorMain.PROJECT_ID).baseUrl(emulator.baseUrl()).build());
             SessionValidator validator = SessionValidator.create(SessionValidatorConfig
                     .builder(EmulatorMain.PROJECT_ID).verifiedTokenCacheSize(2 * n).build(),
                     client::fetchKeySetJson)) {
            List<String> tokens = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String loginId = "user" + i + "@example.com";
                emulator.createUser(EmulatorUser.builder(loginId).email(loginId).name("User Number " + i)
                        .roles("editor", "viewer").permissions("doc.read", "doc.write")
                        .tenant("T2aAc4T2V93bddihGEx2Ryhc8e5", List.of("tenant-admin"), List.of("billing.read"))
                        .build());
                tokens.add(emulator.issueSession(loginId, Map.of("plan", "gold", "region", "eu-west-1"))
                        .sessionJwt());
            }
            int length = tokens.get(0).length();
            // Warm the validator (key set fetched) with a token that stays out of the count.
            require(validator.validateSession(tokens.get(0)));
            long before = liveHeap();
            for (int i = 1; i < n; i++) {
                // A fresh String, as a servlet makes one from the cookie header: the cache keeps it.
                require(validator.validateSession(new String(tokens.get(i).toCharArray())));
            }
            String sample = new String(tokens.get(0).toCharArray());
            tokens.clear();
            long after = liveHeap();
            System.out.printf("session JWT length %d characters; %d entries: %.0f bytes of live heap per entry%n",
                    length, n - 1, (after - before) / (double) (n - 1));
            ValidationResult result = validator.validateSession(sample);
            GraphLayout entry = GraphLayout.parseInstance(sample, result);
            System.out.printf("JOL, one entry's own objects (token String and its bytes, ValidationResult, "
                    + "DescopeSession and its claims; the Entry record and its table slot add about 40 bytes): %d "
                    + "bytes%n%s%n", entry.totalSize(), entry.toFootprint());
        }
    }

    private static void require(ValidationResult result) {
        if (!result.isValid()) {
            throw new IllegalStateException("a session JWT was refused: " + result);
        }
    }

    private static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
