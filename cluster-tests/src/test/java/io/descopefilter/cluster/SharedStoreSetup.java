package io.descopefilter.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The shared store the nodes are configured with, as a user would configure it: the filter's {@code store}
 * setting and the store's own settings, plus whatever runs beside the nodes (a redis-server).
 */
interface SharedStoreSetup extends AutoCloseable {

    /**
     * The bound on one store operation ({@code redisTimeout}, {@code jcacheTimeout}). Longer than the defaults
     * (250 and 500 ms, meant for a production network): on a two-core build machine shared with other builds, a
     * node JVM can stall for hundreds of milliseconds, and an operation that times out makes the filter fall back
     * to this node (a second refresh of one session, with rotation a sign-out) -- the behaviour for a failing
     * store, not the one these scenarios are about. The outage scenario does not depend on it: while the store is
     * down, operations are refused at once.
     */
    String STORE_TIMEOUT = "2s";

    /** The value of the {@code store} setting. */
    String name();

    /** Starts what the store needs before any node ({@code ports}: the nodes, in order). */
    void start(Path work, int nodeCount);

    /** The store's settings for node {@code index}. */
    Map<String, String> settings(Path work, int index);

    /** Waits until node {@code index} has joined the store (the node has printed its ready line already). */
    default void awaitJoined(ManagedProcess node, int nodeCount) {
    }

    @Override
    void close();

    /** Every node in its own memory: the filter's default, and what a cluster must not rely on. */
    final class Memory implements SharedStoreSetup {
        @Override
        public String name() {
            return "memory";
        }

        @Override
        public void start(Path work, int nodeCount) {
        }

        @Override
        public Map<String, String> settings(Path work, int index) {
            return Map.of("store", "memory");
        }

        @Override
        public void close() {
        }
    }

    /** One real redis-server; every node connects to it with {@code redisUri}. */
    final class Redis implements SharedStoreSetup {
        RedisServer server;

        @Override
        public String name() {
            return "redis";
        }

        @Override
        public void start(Path work, int nodeCount) {
            server = RedisServer.start(work.resolve("redis"));
        }

        @Override
        public Map<String, String> settings(Path work, int index) {
            return Map.of("store", "redis", "redisUri", server.uri(), "redisTimeout", STORE_TIMEOUT);
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    /**
     * JCache on Hazelcast: each node embeds a member (as an application using Hazelcast's JCache provider does),
     * joined over TCP/IP on 127.0.0.1 to the other nodes' members, multicast and auto-detection off, a cluster name
     * of its own, bound to 127.0.0.1 only. Failure detection is shortened so that a killed node leaves the cluster
     * in seconds, not the default minute.
     */
    final class JCacheHazelcast implements SharedStoreSetup {
        static final String PROVIDER = "com.hazelcast.cache.HazelcastMemberCachingProvider";

        private final String clusterName = "descope-cluster-test-" + UUID.randomUUID();
        private Path config;

        @Override
        public String name() {
            return "jcache";
        }

        /**
         * One configuration file for every node: JCache scopes cache names by the cache manager's URI, so nodes
         * given different URIs would share a Hazelcast cluster but not its caches. Each member takes the first free
         * port of a range of {@code nodeCount} ports.
         */
        @Override
        public void start(Path work, int nodeCount) {
            config = work.resolve("hazelcast").resolve("hazelcast.xml");
            try {
                Files.createDirectories(config.getParent());
                Files.writeString(config, hazelcastXml(clusterName, freePortRange(nodeCount), nodeCount),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> settings(Path work, int index) {
            return Map.of("store", "jcache", "jcacheProvider", PROVIDER, "jcacheUri", config.toUri().toString(),
                    "jcacheTimeout", STORE_TIMEOUT);
        }

        @Override
        public void awaitJoined(ManagedProcess node, int nodeCount) {
            node.awaitLog("Members {size:" + nodeCount, Duration.ofSeconds(60));
        }

        /** The first of {@code count} consecutive ports free on 127.0.0.1 now. */
        static int freePortRange(int count) {
            for (int attempt = 0; attempt < 50; attempt++) {
                int first = ManagedProcess.freePort();
                if (first + count > 65535) {
                    continue;
                }
                boolean free = true;
                for (int port = first + 1; port < first + count && free; port++) {
                    try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1,
                            java.net.InetAddress.getLoopbackAddress())) {
                        socket.setReuseAddress(true);
                    } catch (IOException e) {
                        free = false;
                    }
                }
                if (free) {
                    return first;
                }
            }
            throw new IllegalStateException("no " + count + " consecutive free ports on 127.0.0.1");
        }

        static String hazelcastXml(String clusterName, int firstPort, int count) {
            return hazelcastXml(clusterName, firstPort, count, "");
        }

        static String hazelcastXml(String clusterName, int firstPort, int count, String extra) {
            String members = java.util.stream.IntStream.range(firstPort, firstPort + count)
                    .mapToObj(p -> "              <member>127.0.0.1:" + p + "</member>")
                    .collect(Collectors.joining("\n"));
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <hazelcast xmlns="http://www.hazelcast.com/schema/config"
                               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                               xsi:schemaLocation="http://www.hazelcast.com/schema/config
                               http://www.hazelcast.com/schema/config/hazelcast-config-5.7.xsd">
                      <cluster-name>%s</cluster-name>
                      <properties>
                        <property name="hazelcast.logging.type">jdk</property>
                        <property name="hazelcast.phone.home.enabled">false</property>
                        <property name="hazelcast.socket.bind.any">false</property>
                        <property name="hazelcast.heartbeat.interval.seconds">1</property>
                        <property name="hazelcast.max.no.heartbeat.seconds">5</property>
                        <property name="hazelcast.operation.call.timeout.millis">5000</property>
                        <property name="hazelcast.invocation.max.retry.count">10</property>
                        <property name="hazelcast.invocation.retry.pause.millis">200</property>
                        <property name="hazelcast.wait.seconds.before.join">1</property>
                      </properties>
                      <network>
                        <port auto-increment="true" port-count="%d">%d</port>
                        <interfaces enabled="true">
                          <interface>127.0.0.1</interface>
                        </interfaces>
                        <join>
                          <auto-detection enabled="false"/>
                          <multicast enabled="false"/>
                          <tcp-ip enabled="true">
                            <member-list>
                    %s
                            </member-list>
                          </tcp-ip>
                        </join>
                      </network>
                    %s</hazelcast>
                    """.formatted(clusterName, count, firstPort, members, extra);
        }

        @Override
        public void close() {
        }
    }

    /**
     * JCache on Hazelcast, client and server: two Hazelcast members in JVMs of their own hold the data, and each
     * node is a Hazelcast client (JCache's client provider) of them. Here the store can go away while every node
     * runs: {@link #kill} stops both members at once, {@link #startAgain} starts them again, empty, on the same
     * ports. The clients reconnect in the background and meanwhile fail fast (reconnect mode {@code ASYNC}).
     */
    final class JCacheHazelcastClient implements SharedStoreSetup {
        static final String PROVIDER = "com.hazelcast.client.cache.HazelcastClientCachingProvider";
        static final int MEMBERS = 2;

        private final String clusterName = "descope-cluster-test-" + UUID.randomUUID();
        private Path memberConfig;
        private Path clientConfig;
        private Path directory;
        private int starts;
        private final java.util.List<ManagedProcess> members = new java.util.ArrayList<>();

        @Override
        public String name() {
            return "jcache-client";
        }

        @Override
        public void start(Path work, int nodeCount) {
            directory = work.resolve("hazelcast");
            memberConfig = directory.resolve("hazelcast-member.xml");
            clientConfig = directory.resolve("hazelcast-client.xml");
            int firstPort = JCacheHazelcast.freePortRange(MEMBERS);
            try {
                Files.createDirectories(directory);
                Files.writeString(memberConfig, JCacheHazelcast.hazelcastXml(clusterName, firstPort, MEMBERS),
                        StandardCharsets.UTF_8);
                Files.writeString(clientConfig, clientXml(clusterName, firstPort, MEMBERS), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            startAgain();
        }

        /** Starts both members (again), empty, and waits until they formed their cluster. */
        void startAgain() {
            starts++;
            for (int i = 1; i <= MEMBERS; i++) {
                members.add(ManagedProcess.startJava("hazelcast-member" + i, java.util.List.of("-Xmx256m",
                        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dhazelcast.config=" + memberConfig),
                        "com.hazelcast.core.server.HazelcastMemberStarter", java.util.List.of(),
                        directory.resolve("member" + i + "-" + starts + ".log")));
            }
            members.forEach(m -> m.awaitLog("Members {size:" + MEMBERS, Duration.ofSeconds(90)));
        }

        /** Kills both members at once: the store is gone. */
        void kill() {
            members.forEach(ManagedProcess::kill);
            members.clear();
        }

        @Override
        public Map<String, String> settings(Path work, int index) {
            return Map.of("store", "jcache", "jcacheProvider", PROVIDER, "jcacheUri",
                    clientConfig.toUri().toString(), "jcacheTimeout", STORE_TIMEOUT);
        }

        static String clientXml(String clusterName, int firstPort, int count) {
            String members = java.util.stream.IntStream.range(firstPort, firstPort + count)
                    .mapToObj(p -> "          <address>127.0.0.1:" + p + "</address>")
                    .collect(Collectors.joining("\n"));
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <hazelcast-client xmlns="http://www.hazelcast.com/schema/client-config"
                                      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                                      xsi:schemaLocation="http://www.hazelcast.com/schema/client-config
                                      http://www.hazelcast.com/schema/client-config/hazelcast-client-config-5.7.xsd">
                      <cluster-name>%s</cluster-name>
                      <properties>
                        <property name="hazelcast.logging.type">jdk</property>
                        <property name="hazelcast.phone.home.enabled">false</property>
                        <property name="hazelcast.client.invocation.timeout.seconds">3</property>
                        <property name="hazelcast.client.heartbeat.interval">1000</property>
                        <property name="hazelcast.client.heartbeat.timeout">5000</property>
                      </properties>
                      <network>
                        <cluster-members>
                    %s
                        </cluster-members>
                        <smart-routing>true</smart-routing>
                      </network>
                      <connection-strategy async-start="false" reconnect-mode="ASYNC">
                        <connection-retry>
                          <initial-backoff-millis>200</initial-backoff-millis>
                          <max-backoff-millis>1000</max-backoff-millis>
                          <cluster-connect-timeout-millis>-1</cluster-connect-timeout-millis>
                        </connection-retry>
                      </connection-strategy>
                    </hazelcast-client>
                    """.formatted(clusterName, members);
        }

        @Override
        public void close() {
            kill();
        }
    }
}
