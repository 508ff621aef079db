package io.descopefilter.sample.launcher;

import java.io.PrintStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./mvnw -B -pl sample-war -am -Prun -DskipTests verify}: serves the sample on http://localhost:8080/. Without
 * {@code DESCOPE_PROJECT_ID} it runs the Descope emulator alongside (dev mode); with it, the filter talks to that
 * Descope project, configured by the {@code DESCOPE_*} environment variables. Ctrl-C stops everything.
 */
public final class SampleLauncher {

    /** Exit code when a port is taken. */
    static final int PORT_IN_USE = 2;
    /** Exit code for any other start-up failure. */
    static final int FAILED = 1;

    /** Jetty logs through SLF4J to java.util.logging; its start-up chatter would bury the URLs printed below. */
    private static final Logger JETTY_LOG = Logger.getLogger("org.eclipse.jetty");

    private SampleLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        JETTY_LOG.setLevel(Level.WARNING);
        PrintStream out = System.out;
        RunningSample sample;
        LaunchOptions options;
        try {
            options = LaunchOptions.fromSystemProperties(System.getenv());
            sample = RunningSample.start(options);
        } catch (PortInUseException e) {
            System.err.println(e.getMessage());
            System.exit(PORT_IN_USE);
            return;
        } catch (Exception e) {
            System.err.println("The sample could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sample.close();
            out.println("Stopped.");
        }, "sample-shutdown"));
        printWelcome(out, options, sample);
        sample.join();
    }

    private static void printWelcome(PrintStream out, LaunchOptions options, RunningSample sample) {
        out.println();
        out.println("  Descope filter sample is running");
        out.println();
        out.println("  Application:  " + sample.baseUrl() + "/");
        if (sample.outboxUrl().isPresent()) {
            out.println("  Descope:      local emulator at " + sample.emulator().orElseThrow().baseUrl()
                    + " (dev mode; set DESCOPE_PROJECT_ID to use your own Descope project)");
            out.println("  Outbox:       " + sample.outboxUrl().get()
                    + "  <- every email and text message \"sent\" lands here");
            out.println("  Demo users:   " + String.join("\n                ", DemoUsers.descriptions()));
        } else {
            out.println("  Descope:      project " + options.descopeProjectId().orElseThrow()
                    + " (the real service; settings from the DESCOPE_* environment variables)");
        }
        out.println();
        out.println("  Press Ctrl-C to stop.");
        out.println();
    }
}
