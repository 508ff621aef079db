package io.descopefilter.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput of three nodes against one, under the same wrk load through nginx, measured side by side in one run:
 * one emulator, one store (redis), three nodes; nginx {@code one} proxies to node1 only, nginx {@code three}
 * round-robins over all three. A signed-in user's request with a valid session (the hot path: no call to Descope
 * or the store) is timed with {@code wrk}, alternating between the two proxies, a few rounds each. Bounded (about
 * two and a half minutes); not part of {@code verify}:
 *
 * <pre>./mvnw -B -pl cluster-tests -am -Pbenchmark -DskipTests verify</pre>
 *
 * System properties: {@code cluster.bench.rounds} (4), {@code cluster.bench.seconds} (10), {@code
 * cluster.bench.connections} (32), {@code cluster.bench.threads} (2).
 */
public final class ClusterBenchmark {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors:.*");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|90|99)%\\s+([\\d.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);

    private ClusterBenchmark() {
    }

    record Run(String target, int round, double requestsPerSecond, String p50, String p90, String p99,
               String errors) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("cluster.bench.rounds", 4);
        int seconds = Integer.getInteger("cluster.bench.seconds", 10);
        int connections = Integer.getInteger("cluster.bench.connections", 32);
        int threads = Integer.getInteger("cluster.bench.threads", 2);
        String wrk = System.getProperty("cluster.wrk", "/usr/bin/wrk");
        List<String> nodeJvm = List.of("-Xmx256m", "-XX:+UseSerialGC");

        Instant started = Instant.now();
        try (Cluster cluster = Cluster.start("benchmark", new SharedStoreSetup.Redis(), 3, nodeJvm, Map.of(),
                Duration.ofMinutes(30));
             Nginx one = Nginx.start(cluster.work.resolve("nginx-one"), ManagedProcess.freePort(),
                     List.of(cluster.nodes.get(0).port))) {
            Browser browser = cluster.browser();
            SignIns.signIn(browser, cluster.emulator, "bench@example.com");
            String cookies = browser.cookieHeader();
            String three = cluster.nginx.baseUrl + ClusterNode.AFTER_LOGIN;
            // the session cookie is host-only for 127.0.0.1, so it is valid behind either proxy
            String single = one.baseUrl + ClusterNode.AFTER_LOGIN;

            // warm-up: the JIT of every node (each of the three gets a third of the requests), nginx's
            // keep-alive pools
            wrk(wrk, threads, connections, 20, cookies, three);
            wrk(wrk, threads, connections, 5, cookies, single);

            List<Run> runs = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                // alternating which goes first, so that a drift of the shared machine hits both alike
                boolean oneFirst = round % 2 == 1;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == oneFirst) {
                        runs.add(parse("one node", round, wrk(wrk, threads, connections, seconds, cookies, single)));
                    } else {
                        runs.add(parse("three nodes", round, wrk(wrk, threads, connections, seconds, cookies,
                                three)));
                    }
                }
            }
            String report = report(runs, rounds, seconds, connections, threads, started);
            System.out.println(report);
            Files.writeString(cluster.work.resolve("results.md"), report, StandardCharsets.UTF_8);
        }
    }

    private static String wrk(String wrk, int threads, int connections, int seconds, String cookies, String url)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(wrk, "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "-H", "Cookie: " + cookies, url).redirectErrorStream(true).start();
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Run parse(String target, int round, String output) {
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output:\n" + output);
        }
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            throw new IllegalStateException("answers other than 200 under load:\n" + output);
        }
        String[] percentiles = new String[3];
        Matcher p = PERCENTILE.matcher(output);
        while (p.find()) {
            int index = switch (p.group(1)) {
                case "50" -> 0;
                case "90" -> 1;
                default -> 2;
            };
            percentiles[index] = p.group(2) + " " + p.group(3);
        }
        Matcher errors = ERRORS.matcher(output);
        return new Run(target, round, Double.parseDouble(rate.group(1)), percentiles[0], percentiles[1],
                percentiles[2], errors.find() ? errors.group() : "none");
    }

    private static String report(List<Run> runs, int rounds, int seconds, int connections, int threads,
                                 Instant started) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "wrk -t%d -c%d -d%ds --latency, GET %s with a valid session, "
                + "%d rounds alternating; started %s%n%n", threads, connections, seconds, ClusterNode.AFTER_LOGIN,
                rounds, started));
        text.append("| Round | Behind nginx | Requests/s | p50 | p90 | p99 | Socket errors |\n");
        text.append("|---:|---|---:|---:|---:|---:|---|\n");
        for (Run run : runs) {
            text.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %s | %s | %s | %s |%n", run.round(),
                    run.target(), run.requestsPerSecond(), run.p50(), run.p90(), run.p99(), run.errors()));
        }
        double one = runs.stream().filter(r -> r.target().equals("one node")).mapToDouble(Run::requestsPerSecond)
                .average().orElse(0);
        double three = runs.stream().filter(r -> r.target().equals("three nodes"))
                .mapToDouble(Run::requestsPerSecond).average().orElse(0);
        text.append(String.format(Locale.ROOT, "%nMean: one node %.0f requests/s, three nodes %.0f requests/s "
                + "(ratio %.2f).%n", one, three, three / one));
        return text.toString();
    }
}
