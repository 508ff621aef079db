package io.descopefilter.emulator;

import io.descopefilter.emulator.internal.cli.CommandLine;
import io.descopefilter.emulator.internal.cli.UsageException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar descope-emulator.jar ...}: runs an emulator until the process is stopped. */
public final class Main {

    /** Exit status for a command line that cannot be run. */
    static final int USAGE_ERROR = 2;
    static final int START_FAILED = 1;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Thread mainThread = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                mainThread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "descope-emulator-shutdown"));
        int status = run(args, System.out, System.err, stop);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Parses, starts, prints the ready line and serves until {@code stop} opens; returns the exit status
     * (2 for usage errors, 1 when the server cannot start).
     */
    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop) throws InterruptedException {
        EmulatorConfig config;
        try {
            config = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("descope-emulator: " + e.getMessage());
            err.print(CommandLine.USAGE);
            err.flush();
            return USAGE_ERROR;
        }
        DescopeEmulator emulator;
        try {
            emulator = DescopeEmulator.start(config);
        } catch (RuntimeException e) {
            err.println("descope-emulator: cannot start: " + e.getMessage());
            return START_FAILED;
        }
        try (emulator) {
            out.println("Descope emulator listening on " + emulator.baseUrl());
            out.flush();
            stop.await();
        }
        return 0;
    }
}
