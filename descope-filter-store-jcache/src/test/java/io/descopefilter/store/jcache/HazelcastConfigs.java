package io.descopefilter.store.jcache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Test configurations made from the example files users copy ({@code docs/hazelcast.xml}, {@code
 * docs/hazelcast-client.xml}), with this test's own cluster name, instance names and free 127.0.0.1 ports. Made by
 * replacing known fragments, so that a changed example fails here instead of silently going untested.
 */
final class HazelcastConfigs {

    private static final Path DOCS = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "docs");

    private HazelcastConfigs() {
    }

    static String clusterName() {
        return "descope-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A member on {@code port} joining the members on {@code memberPorts} (itself included). */
    static Path member(Path directory, String cluster, String instance, int port, List<Integer> memberPorts) {
        String members = memberPorts.stream().map(p -> "<member>127.0.0.1:" + p + "</member>")
                .collect(Collectors.joining());
        String xml = replace(read("hazelcast.xml"),
                "<cluster-name>descope-shop</cluster-name>", "<cluster-name>" + cluster + "</cluster-name>",
                "<instance-name>descope-node</instance-name>", "<instance-name>" + instance + "</instance-name>",
                "<port auto-increment=\"true\" port-count=\"3\">5701</port>", "<port auto-increment=\"false\">" + port + "</port>",
                "<member>127.0.0.1:5701-5703</member>", members);
        return write(directory, instance + ".xml", xml);
    }

    /** A client of the cluster on {@code port}; it connects before the cache manager is handed out. */
    static Path client(Path directory, String cluster, String instance, int port) {
        return client(directory, cluster, instance, port, false);
    }

    /** A client of the cluster on {@code port}; with {@code asyncStart} (as in the example) it starts unconnected. */
    static Path client(Path directory, String cluster, String instance, int port, boolean asyncStart) {
        String xml = replace(read("hazelcast-client.xml"),
                "<cluster-name>descope-shop</cluster-name>", "<cluster-name>" + cluster + "</cluster-name>",
                "<instance-name>descope-client</instance-name>", "<instance-name>" + instance + "</instance-name>",
                "<address>127.0.0.1:5701</address>\n      <address>127.0.0.1:5702</address>", "<address>127.0.0.1:" + port + "</address>",
                // A test uses the store right after opening it: wait for the first connection there.
                "async-start=\"true\"", "async-start=\"" + asyncStart + "\"");
        return write(directory, instance + ".xml", xml);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String name) {
        try {
            return Files.readString(DOCS.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String replace(String text, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (!text.contains(pairs[i])) {
                throw new IllegalStateException("the example configuration no longer contains " + pairs[i]);
            }
            text = text.replace(pairs[i], pairs[i + 1]);
        }
        return text;
    }

    private static Path write(Path directory, String name, String xml) {
        try {
            return Files.writeString(directory.resolve(name), xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
