package io.descopefilter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} for a fixed time with a Lua script that sends the {@code DS} cookie of the first {@code limit}
 * tokens of a file, each wrk thread cycling through them from its own offset. Every case uses the same script (one
 * token for the warm session), so the load generator costs the same per request in every case.
 */
final class Wrk {

    /** One wrk run: what the server answered and how fast. */
    record Run(long requests, long durationMicros, long p50Micros, long p99Micros, long socketErrors, long non2xx) {
        double perSecond() {
            return requests * 1e6 / durationMicros;
        }
    }

    private static final String SCRIPT = """
            -- written by io.descopefilter.bench.Wrk
            local counter = 0
            function setup(thread)
              thread:set("tid", counter)
              counter = counter + 1
            end
            local tokens = {}
            local n = 0
            local idx = 0
            local path = "/"
            function init(args)
              path = args[1]
              local limit = tonumber(args[3])
              for line in io.lines(args[2]) do
                n = n + 1
                tokens[n] = "DS=" .. line
                if n >= limit then break end
              end
              idx = math.floor(n * tid / tonumber(args[4]))
            end
            function request()
              idx = idx + 1
              if idx > n then idx = 1 end
              return wrk.format("GET", path, {["Cookie"] = tokens[idx]})
            end
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("E2E requests=%d duration=%d p50=%d p99=%d socket=%d status=%d\\n",
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
                e.connect + e.read + e.write + e.timeout, e.status))
            end
            """;
    private static final Pattern RESULT = Pattern.compile(
            "E2E requests=(\\d+) duration=(\\d+) p50=(\\d+) p99=(\\d+) socket=(\\d+) status=(\\d+)");

    private final String wrk;
    private final Path script;
    private final int threads;

    Wrk(String wrk, Path workDir, int threads) throws IOException {
        this.wrk = wrk;
        this.script = workDir.resolve("cycle-tokens.lua");
        this.threads = threads;
        Files.writeString(script, SCRIPT, StandardCharsets.US_ASCII);
    }

    Run run(String baseUrl, String path, Path tokens, int limit, int connections, int seconds)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(wrk, "-t", String.valueOf(threads),
                "-c", String.valueOf(Math.max(connections, threads)), "-d", seconds + "s", "--timeout", "10s",
                "-s", script.toString(), baseUrl + path, "--", path, tokens.toString(), String.valueOf(limit),
                String.valueOf(threads)))
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("wrk did not end");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        Matcher m = RESULT.matcher(text);
        if (process.exitValue() != 0 || !m.find()) {
            throw new IOException("wrk failed (exit " + process.exitValue() + "): " + text);
        }
        return new Run(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)));
    }
}
