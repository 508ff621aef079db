package io.descopefilter.it.support;

/**
 * The two servers of the container under test. The build reserves their ports ({@code it.port.node1},
 * {@code it.port.node2}) and hands them to both Arquillian and the tests, because a test WAR's public base URL must
 * be written into its {@code web.xml} before it is deployed.
 */
public final class Nodes {

    /** Loopback only: nothing in the tests listens on another interface. */
    public static final String HOST = "127.0.0.1";

    private Nodes() {
    }

    /** The server every test WAR is deployed to. */
    public static int node1Port() {
        return port("it.port.node1");
    }

    /** The second server, started only by the scenario that needs two nodes. */
    public static int node2Port() {
        return port("it.port.node2");
    }

    public static String origin(int port) {
        return "http://" + HOST + ":" + port;
    }

    private static int port(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run the scenarios through"
                    + " a container module (integration-tests/jetty-12, tomcat-10 or tomcat-11), which reserves it");
        }
        return Integer.parseInt(value.trim());
    }
}
