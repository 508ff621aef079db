package io.descopefilter.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The end-to-end benchmark: the emulator in its own JVM, one embedded Jetty 12 in another serving the same hello
 * servlet without a filter, behind {@code DescopeAuthFilter} and behind a minimal filter on the official SDK, and
 * {@code wrk} on loopback. Variants alternate within each round, so all three see the same background load; the
 * report gives each variant's median requests/s, p50/p99 latency and server CPU per request, and the ratios measured
 * round by round. Then the landing (POST of the confirmation form to its 303) against the emulator's own verify.
 *
 * <p>Every run is bounded (fixed durations and counts) and binds 127.0.0.1 only. See BENCHMARKS.md for the command
 * and {@code --help} for the flags.
 */
public final class EndToEnd {

    private static final String USAGE = """
            java -cp benchmarks/target/benchmarks.jar io.descopefilter.bench.EndToEnd [flags]
              --rounds <n>          interleaved rounds per case (default 6)
              --seconds <n>         length of one wrk run (default 3)
              --connections <list>  connections for the warm-session case (default 8,32,64)
              --users <list>        distinct signed-in users cases, each with 32 connections (default 1000,50000,200000)
              --cache-size <n>      the filter's verifiedTokenCacheSize (default: the largest user count)
              --landings <n>        timed landings (and as many direct verifies and hops) (default 120)
              --warmup <n>          untimed landings before them, so the JIT has compiled the landing path (default 5000)
              --cases <list>        warm,users,landing (default all three)
              --wrk <path>          wrk binary (default /usr/bin/wrk)
              --server-option <o>   an extra option of the server JVM, e.g. -XX:+UseTransparentHugePages (repeatable)
              --jfr                 record the server JVM with JDK Flight Recorder (profile settings, method sampling at its maximum rate)
              --work <dir>          work directory (default benchmarks/target/e2e)
            """;
    private static final List<String> VARIANTS = List.of("plain", "ours", "sdk");
    private static final int USERS_CONNECTIONS = 32;

    private final PrintStream out = System.out;
    private final Map<String, Integer> ints = new LinkedHashMap<>(Map.of("rounds", 6, "seconds", 3, "landings", 120, "warmup", 5000));
    private List<Integer> connections = List.of(8, 32, 64);
    private List<Integer> users = List.of(1_000, 50_000, 200_000);
    private List<String> cases = List.of("warm", "users", "landing");
    private Integer cacheSize;
    private String wrkPath = "/usr/bin/wrk";
    private boolean jfr;
    private final List<String> extraServerOptions = new ArrayList<>();
    private Path work = Path.of("benchmarks", "target", "e2e");
    private final List<String> report = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        EndToEnd run = new EndToEnd();
        if (!run.parse(args)) {
            System.err.print(USAGE);
            System.exit(2);
        }
        run.run();
    }

    private boolean parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--jfr")) {
                jfr = true;
                continue;
            }
            if (flag.equals("--help") || i + 1 >= args.length) {
                return false;
            }
            String value = args[++i];
            switch (flag) {
                case "--rounds", "--seconds", "--landings", "--warmup" -> ints.put(flag.substring(2), Integer.parseInt(value));
                case "--connections" -> connections = numbers(value);
                case "--users" -> users = numbers(value);
                case "--cache-size" -> cacheSize = Integer.parseInt(value);
                case "--cases" -> cases = List.of(value.split(","));
                case "--wrk" -> wrkPath = value;
                case "--server-option" -> extraServerOptions.add(value);
                case "--work" -> work = Path.of(value);
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<Integer> numbers(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    private void run() throws Exception {
        Instant began = Instant.now();
        Files.createDirectories(work);
        if (cases.contains("warm") || cases.contains("users")) {
            if (!Files.isExecutable(Path.of(wrkPath))) {
                throw new IllegalStateException(wrkPath + " not found: apt-get install -y wrk, or pass --wrk <path>");
            }
        }
        int tokenCount = !cases.contains("users") ? 1
                : Math.max(1, users.stream().mapToInt(Integer::intValue).max().orElse(1));
        int cache = cacheSize != null ? cacheSize : Math.max(10_000, tokenCount);
        Path log = work.resolve("children.log");
        Files.deleteIfExists(log);
        line("# End-to-end run " + began + ", " + ints + ", connections " + connections + ", users " + users
                + ", verifiedTokenCacheSize " + cache + ", cases " + cases
                + (extraServerOptions.isEmpty() ? "" : ", server JVM options " + extraServerOptions));
        line("machine: nproc " + Runtime.getRuntime().availableProcessors() + ", " + Machine.cpuModel() + ", JDK "
                + System.getProperty("java.vm.version") + ", load average before " + Machine.loadAverage());
        try (ChildJvm emulator = ChildJvm.start("emulator", List.of("-Xmx1g", "-XX:+UseParallelGC"),
                EmulatorMain.class, List.of(work.toString(), String.valueOf(tokenCount)), log, Duration.ofMinutes(10))) {
            String emulatorUrl = emulator.readyLine().substring("READY ".length()).trim();
            Path tokens = work.resolve("tokens.txt");
            int port = freePort();
            List<String> serverOptions = new ArrayList<>(List.of("-Xms2g", "-Xmx2g", "-XX:+UseG1GC"));
            serverOptions.addAll(extraServerOptions);
            if (jfr) {
                serverOptions.add("-XX:StartFlightRecording=filename=" + work.resolve("server.jfr").toAbsolutePath()
                        + ",settings=profile,method-profiling=max,dumponexit=true");
            }
            try (ChildJvm server = ChildJvm.start("server", serverOptions, BenchServer.class,
                    List.of(String.valueOf(port), emulatorUrl, String.valueOf(cache)), log, Duration.ofMinutes(2))) {
                String base = "http://127.0.0.1:" + port;
                sanityCheck(base, Files.readAllLines(tokens).get(0));
                LandingClient landing = new LandingClient(emulatorUrl, base);
                if (cases.contains("landing")) {
                    coldLanding(landing, server);
                }
                Wrk wrk = new Wrk(wrkPath, work, 1);
                if (cases.contains("warm") || cases.contains("users")) {
                    line("JIT warm-up: every variant, one session, 32 connections, 2 x " + ints.get("seconds") + " s");
                    for (int i = 0; i < 2; i++) {
                        for (String variant : VARIANTS) {
                            wrk.run(base, "/" + variant + "/hello", tokens, 1, 32, ints.get("seconds"));
                        }
                    }
                }
                if (cases.contains("warm")) {
                    for (int c : connections) {
                        measure("one warm session, " + c + " connections", wrk, server, base, tokens, 1, c);
                    }
                }
                if (cases.contains("users")) {
                    for (int n : users) {
                        fill(base, tokens, n);
                        measure(n + " distinct signed-in users, " + USERS_CONNECTIONS + " connections", wrk, server,
                                base, tokens, n, USERS_CONNECTIONS);
                    }
                }
                if (cases.contains("landing")) {
                    warmLanding(landing, server);
                }
            }
        }
        line("");
        line("total run time " + Duration.between(began, Instant.now()).toSeconds() + " s, load average after "
                + Machine.loadAverage());
        Path results = work.resolve("results-" + began.toString().replace(':', '-') + ".md");
        Files.write(results, report, StandardCharsets.UTF_8);
        out.println("results written to " + results);
    }

    /** Each variant answers as it should: 200 with the session, and the two filters refuse a request without one. */
    private void sanityCheck(String base, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String variant : VARIANTS) {
            int with = http.send(HttpRequest.newBuilder(URI.create(base + "/" + variant + "/hello"))
                    .header("Cookie", "DS=" + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            int without = http.send(HttpRequest.newBuilder(URI.create(base + "/" + variant + "/hello")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            int forged = http.send(HttpRequest.newBuilder(URI.create(base + "/" + variant + "/hello"))
                    .header("Cookie", "DS=" + token.substring(0, token.length() - 4) + "AAAA").build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            boolean ok = with == 200 && (variant.equals("plain") ? without == 200 : without != 200 && forged != 200);
            if (!ok) {
                throw new IllegalStateException(variant + " answered " + with + " with a session, " + without
                        + " without, " + forged + " with a forged one");
            }
        }
    }

    /**
     * Sends every one of the first {@code n} tokens once to our filter, so its cache holds them as it would after
     * the users' first requests (the SDK's filter remembers nothing, so it needs no such pass); 4 client threads.
     */
    private void fill(String base, Path tokens, int n) throws Exception {
        long start = System.nanoTime();
        List<String> all = Files.readAllLines(tokens).subList(0, n);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    try {
                        int status = http.send(HttpRequest.newBuilder(URI.create(base + "/ours/hello"))
                                .header("Cookie", "DS=" + all.get(i)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 200) {
                            failed.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + n + " tokens were refused while filling");
        }
        line("filled the verified-token cache with " + n + " sessions in "
                + String.format("%.1f", (System.nanoTime() - start) / 1e9) + " s");
    }

    private record Sample(Wrk.Run run, double cpuMicrosPerRequest) {
    }

    /** Rounds of the three variants, the order rotating each round; the medians and the per-round ratios. */
    private void measure(String title, Wrk wrk, ChildJvm server, String base, Path tokens, int limit, int conns)
            throws Exception {
        int rounds = ints.get("rounds");
        int seconds = ints.get("seconds");
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        VARIANTS.forEach(v -> samples.put(v, new ArrayList<>()));
        long[] machineBefore = Machine.cpuTimes();
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < VARIANTS.size(); k++) {
                String variant = VARIANTS.get((r + k) % VARIANTS.size());
                long cpuBefore = server.cpuNanos();
                Wrk.Run run = wrk.run(base, "/" + variant + "/hello", tokens, limit, conns, seconds);
                long cpu = server.cpuNanos() - cpuBefore;
                if (run.non2xx() > 0 || run.socketErrors() > 0) {
                    throw new IllegalStateException(title + ", " + variant + ": " + run.non2xx() + " non-2xx answers, "
                            + run.socketErrors() + " socket errors");
                }
                samples.get(variant).add(new Sample(run, cpu / 1e3 / run.requests()));
            }
        }
        line("");
        line("## " + title + " (" + rounds + " rounds x " + seconds + " s per variant)");
        line("");
        line("| variant | requests/s | p50 ms | p99 ms | server CPU µs/request |");
        line("|---|---:|---:|---:|---:|");
        for (String variant : VARIANTS) {
            List<Sample> s = samples.get(variant);
            line(String.format("| %s | %.0f | %.2f | %.2f | %.1f |", variant,
                    median(s.stream().map(x -> x.run.perSecond()).toList()),
                    median(s.stream().map(x -> x.run.p50Micros() / 1e3).toList()),
                    median(s.stream().map(x -> x.run.p99Micros() / 1e3).toList()),
                    median(s.stream().map(x -> x.cpuMicrosPerRequest).toList())));
        }
        long[] machineAfter = Machine.cpuTimes();
        List<Double> oursPlain = new ArrayList<>();
        List<Double> oursSdk = new ArrayList<>();
        List<Double> cpuPlainOurs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double ours = samples.get("ours").get(r).run.perSecond();
            oursPlain.add(ours / samples.get("plain").get(r).run.perSecond());
            oursSdk.add(ours / samples.get("sdk").get(r).run.perSecond());
            cpuPlainOurs.add(samples.get("plain").get(r).cpuMicrosPerRequest
                    / samples.get("ours").get(r).cpuMicrosPerRequest);
        }
        line("");
        line(String.format("ratios (median of per-round ratios, requests/s): ours/no filter **%.2f** (rounds: %s), "
                        + "ours/SDK **%.2f** (rounds: %s)", median(oursPlain), list(oursPlain), median(oursSdk),
                list(oursSdk)));
        line(String.format("server CPU per request, no filter / ours (median of per-round ratios; 1.00 = the filter "
                + "costs no CPU): **%.2f** (rounds: %s)", median(cpuPlainOurs), list(cpuPlainOurs)));
        line(Machine.describeCpu(machineBefore, machineAfter));
    }

    /** The very first landing of the server JVM (nothing on the landing path has run or been compiled yet). */
    private void coldLanding(LandingClient client, ChildJvm server) throws Exception {
        LandingClient.Form form = client.open(client.requestLink());
        long cpuBefore = server.cpuNanos();
        long landing = client.land(form);
        long cpu = server.cpuNanos() - cpuBefore;
        long verify = client.verifyDirectly(client.requestLink().token());
        long hop = client.hop(form);
        line("");
        line(String.format("cold landing (first of this JVM): POST to 303 %.2f ms, server CPU %.1f ms; "
                + "the emulator's verify called directly right after %.2f ms; bare hop %.2f ms", landing / 1e6,
                cpu / 1e6, verify / 1e6, hop / 1e6));
    }

    /**
     * Warm landings: after a warm-up, rounds of a batch of landings, a batch of direct verifies and a batch of hops
     * (the batch order rotating), one at a time on one connection each. CPU is the server's over a landing batch.
     */
    private void warmLanding(LandingClient client, ChildJvm server) throws Exception {
        int total = ints.get("landings");
        int batch = 20;
        int rounds = Math.max(1, total / batch);
        // Enough landings for the JIT to compile the landing path fully (C2 needs thousands of calls); the direct
        // verifies and hops only need their connections and code warm.
        for (int i = 0; i < ints.get("warmup"); i++) {
            LandingClient.Form form = client.open(client.requestLink());
            client.land(form);
            if (i < 200) {
                client.verifyDirectly(client.requestLink().token());
                client.hop(form);
            }
        }
        client.landingTimes();
        List<Double> landings = new ArrayList<>();
        List<Double> inServer = new ArrayList<>();
        List<Double> inServerCpu = new ArrayList<>();
        List<Double> ownCalls = new ArrayList<>();
        List<Double> ownWork = new ArrayList<>();
        List<Double> verifies = new ArrayList<>();
        List<Double> hops = new ArrayList<>();
        long landingCpu = 0;
        for (int r = 0; r < rounds; r++) {
            List<LandingClient.Form> forms = new ArrayList<>();
            List<String> direct = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                forms.add(client.open(client.requestLink()));
                direct.add(client.requestLink().token());
            }
            for (int k = 0; k < 3; k++) {
                switch ((r + k) % 3) {
                    case 0 -> {
                        long cpuBefore = server.cpuNanos();
                        List<Double> batchLandings = new ArrayList<>();
                        for (LandingClient.Form form : forms) {
                            batchLandings.add(client.land(form) / 1e6);
                        }
                        landingCpu += server.cpuNanos() - cpuBefore;
                        List<long[]> times = client.landingTimes();
                        if (times.size() != batchLandings.size() || times.stream().anyMatch(t -> t[2] < 0)) {
                            throw new IllegalStateException(batchLandings.size() + " landings, but the server timed "
                                    + times.size() + " (or missed a verify call)");
                        }
                        for (long[] t : times) {
                            inServer.add(t[0] / 1e6);
                            inServerCpu.add(t[1] / 1e6);
                            ownCalls.add(t[2] / 1e6);
                            ownWork.add((t[0] - t[2]) / 1e6);
                        }
                        landings.addAll(batchLandings);
                    }
                    case 1 -> {
                        for (String token : direct) {
                            verifies.add(client.verifyDirectly(token) / 1e6);
                        }
                    }
                    default -> {
                        for (LandingClient.Form form : forms) {
                            hops.add(client.hop(form) / 1e6);
                        }
                    }
                }
            }
        }
        double landing = median(landings);
        double verify = median(verifies);
        double hop = median(hops);
        line("");
        line("## Landing, warm (" + landings.size() + " landings, as many direct verifies and hops, interleaved in "
                + rounds + " rounds)");
        line("");
        line("| what | median ms | p90 ms |");
        line("|---|---:|---:|");
        line(String.format("| POST of the confirmation form to the 303 | %.3f | %.3f |", landing, percentile(landings, 90)));
        line(String.format("| the emulator's verify, called directly | %.3f | %.3f |", verify, percentile(verifies, 90)));
        line(String.format("| bare HTTP hop (same form to the unfiltered servlet) | %.3f | %.3f |", hop, percentile(hops, 90)));
        line("");
        line("Inside the server (each landing POST timed around our filter; its verify call as the filter timed it, "
                + "from its `DescopeCall` event):");
        line("");
        line("| what | median ms | p90 ms |");
        line("|---|---:|---:|");
        line(String.format("| the landing through our filter | %.3f | %.3f |", median(inServer), percentile(inServer, 90)));
        line(String.format("| its verify call to Descope | %.3f | %.3f |", median(ownCalls), percentile(ownCalls, 90)));
        line(String.format("| **the filter's own work: each landing less its own verify call** | **%.3f** | %.3f |",
                median(ownWork), percentile(ownWork, 90)));
        line(String.format("| CPU of the request thread per landing (the HTTP client's share of the call included) | %.3f | %.3f |",
                median(inServerCpu), percentile(inServerCpu, 90)));
        line("");
        line(String.format("Seen from the client: landing - direct verify - hop = %.3f ms (this also counts the filter's "
                + "HTTP client against the harness', and the client reading the larger answer); server JVM CPU per "
                + "landing, all threads, %.2f ms", landing - verify - hop, landingCpu / 1e6 / landings.size()));
    }

    private static double median(List<Double> values) {
        return percentile(values, 50);
    }

    private static double percentile(List<Double> values, int p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        if (p == 50 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }

    private static String list(List<Double> values) {
        return values.stream().map(v -> String.format("%.2f", v)).collect(Collectors.joining(" "));
    }

    private void line(String text) {
        out.println(text);
        out.flush();
        report.add(text);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
