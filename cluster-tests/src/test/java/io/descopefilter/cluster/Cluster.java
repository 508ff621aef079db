package io.descopefilter.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The whole deployment on 127.0.0.1: the emulator (own JVM), the store's server if it has one, {@code size}
 * application nodes (own JVMs, started in parallel) and nginx round-robin in front. Everything logs under
 * {@code work}; {@link #close} stops all of it, also when starting failed half-way.
 */
final class Cluster implements AutoCloseable {

    /** Links sent to one login ID per window, on the whole cluster (the filter's default). */
    static final int SEND_LIMIT = 3;
    /** Lifetime of a session JWT at the emulator: short, so that sessions expire during the test. */
    static final Duration SESSION_TTL = Duration.ofSeconds(8);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(1);

    /** One application node. */
    static final class Node {
        final String name;
        final int port;
        final Map<String, String> settings;
        final List<String> jvmOptions;
        final Path log;
        ManagedProcess process;

        Node(String name, int port, Map<String, String> settings, List<String> jvmOptions, Path log) {
            this.name = name;
            this.port = port;
            this.settings = settings;
            this.jvmOptions = jvmOptions;
            this.log = log;
        }

        void start() {
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-Dcluster.node.name=" + name);
            options.add("-Dcluster.node.port=" + port);
            // the filter reads descope.<setting> system properties, as it would in production
            settings.forEach((key, value) -> options.add("-Ddescope." + key + "=" + value));
            process = ManagedProcess.startJava(name, options, ClusterNode.class.getName(), List.of(), log);
        }

        void awaitReady() {
            process.awaitLog(ClusterNode.READY, Duration.ofSeconds(180));
        }

        /** Killed at once (SIGKILL): a crashed node, not one shut down in order. */
        void kill() {
            process.kill();
        }

        void stop() {
            if (process != null) {
                process.close();
            }
        }
    }

    final Path work;
    final EmulatorProcess emulator;
    final SharedStoreSetup store;
    final List<Node> nodes;
    final Nginx nginx;

    private Cluster(Path work, EmulatorProcess emulator, SharedStoreSetup store, List<Node> nodes, Nginx nginx) {
        this.work = work;
        this.emulator = emulator;
        this.store = store;
        this.nodes = nodes;
        this.nginx = nginx;
    }

    /** The JVM options of a node in the tests: small, quick to start (the machine has two cores). */
    static final List<String> TEST_NODE_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k");

    static Cluster start(String name, SharedStoreSetup store, int size, List<String> nodeJvm,
                         Map<String, String> extraSettings) {
        return start(name, store, size, nodeJvm, extraSettings, SESSION_TTL);
    }

    static Cluster start(String name, SharedStoreSetup store, int size, List<String> nodeJvm,
                         Map<String, String> extraSettings, Duration sessionTtl) {
        Path work = Path.of(System.getProperty("cluster.work", "target/cluster")).resolve(name).toAbsolutePath();
        clean(work);
        EmulatorProcess emulator = null;
        List<Node> nodes = new ArrayList<>();
        try {
            emulator = EmulatorProcess.start(work, sessionTtl);
            store.start(work, size);
            int nginxPort = ManagedProcess.freePort();
            String publicBaseUrl = "http://127.0.0.1:" + nginxPort;
            for (int i = 0; i < size; i++) {
                Map<String, String> settings = new LinkedHashMap<>(filterSettings(emulator, publicBaseUrl));
                settings.putAll(store.settings(work, i));
                settings.putAll(extraSettings);
                String nodeName = "node" + (i + 1);
                nodes.add(new Node(nodeName, ManagedProcess.freePort(), settings, nodeJvm,
                        work.resolve(nodeName + ".log")));
            }
            nodes.forEach(Node::start);   // in parallel: each is its own JVM
            for (Node node : nodes) {
                node.awaitReady();
                String shared = node.settings.get("store");
                if (!"memory".equals(shared)) {
                    // the filter's ready line names the store it opened: the node really uses it
                    node.process.awaitLog("shared state " + shared, Duration.ofSeconds(30));
                }
                store.awaitJoined(node.process, size);
            }
            Nginx nginx = Nginx.start(work.resolve("nginx"), nginxPort, nodes.stream().map(n -> n.port).toList());
            return new Cluster(work, emulator, store, nodes, nginx);
        } catch (RuntimeException | Error e) {
            nodes.forEach(Node::stop);
            store.close();
            if (emulator != null) {
                emulator.close();
            }
            throw e;
        }
    }

    /** The settings every node shares, as a deployment would give them (here: system properties). */
    static Map<String, String> filterSettings(EmulatorProcess emulator, String publicBaseUrl) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("projectId", EmulatorProcess.PROJECT_ID);
        settings.put("baseUrl", emulator.baseUrl);
        settings.put("publicBaseUrl", publicBaseUrl);
        settings.put("cookieSecure", "false");
        settings.put("landingMode", "direct");
        settings.put("trustedProxies", "127.0.0.1");
        settings.put("protectedPaths", "/app/*");
        settings.put("publicPaths", "/node,/csrf,/send,/enchanted");
        settings.put("sendLimitPerLoginId", Integer.toString(SEND_LIMIT));
        // every simulated browser comes from 127.0.0.1: per-client limits would count them all as one client
        settings.put("sendLimitPerClient", "100000");
        settings.put("failedVerifyLimitPerClient", "100000");
        settings.put("failedRefreshLimitPerClient", "100000");
        settings.put("clockSkew", Long.toString(CLOCK_SKEW.toSeconds()));
        return settings;
    }

    Browser browser() {
        return new Browser(nginx.baseUrl);
    }

    Node node(String name) {
        return nodes.stream().filter(n -> n.name.equals(name)).findFirst().orElseThrow();
    }

    /** The node nginx sends the next request to after one answered by {@code node} (strict round-robin). */
    String nextInRotation(String node) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).name.equals(node)) {
                return nodes.get((i + 1) % nodes.size()).name;
            }
        }
        throw new IllegalArgumentException(node);
    }

    /** The last lines of every log, for a failure message. */
    String logs() {
        StringBuilder text = new StringBuilder();
        nodes.stream().filter(n -> n.process != null).forEach(n -> text.append(n.process.logTail()).append('\n'));
        text.append("--- nginx error log ---\n").append(nginx.errorLog());
        return text.toString();
    }

    @Override
    public void close() {
        try {
            nginx.close();
        } finally {
            try {
                IntStream.range(0, nodes.size()).parallel().forEach(i -> nodes.get(i).stop());
            } finally {
                try {
                    store.close();
                } finally {
                    emulator.close();
                }
            }
        }
    }

    private static void clean(Path work) {
        try {
            if (Files.exists(work)) {
                try (var files = Files.walk(work)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
