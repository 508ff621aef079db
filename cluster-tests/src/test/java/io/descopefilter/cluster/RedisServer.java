package io.descopefilter.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code redis-server} (Debian package) on 127.0.0.1 and a free port, without persistence ({@code --save ''
 * --appendonly no}): what it holds lives only while it runs, so a restart is a store that lost everything.
 */
final class RedisServer implements AutoCloseable {

    final int port;
    private final Path directory;
    private ManagedProcess process;
    private int starts;

    private RedisServer(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    static RedisServer start(Path directory) {
        RedisServer redis = new RedisServer(directory, ManagedProcess.freePort());
        redis.startAgain();
        return redis;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills it at once, as a crash would: no goodbye to its clients. */
    void kill() {
        process.kill();
    }

    /** Starts it (again) on the same port, empty. */
    void startAgain() {
        String executable = System.getProperty("cluster.redis", "/usr/bin/redis-server");
        if (!Files.isExecutable(Path.of(executable))) {
            throw new AssertionError("redis-server is needed at " + executable + " (Debian: apt-get install "
                    + "redis-server; elsewhere -Dcluster.redis=<path>)");
        }
        starts++;
        process = ManagedProcess.start("redis-server", List.of(executable, "--bind", "127.0.0.1", "--port",
                Integer.toString(port), "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--dir", directory.toString(), "--logfile", "", "--protected-mode", "yes"),
                directory.resolve("redis-" + starts + ".log"));
        process.awaitLog("Ready to accept connections", Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
