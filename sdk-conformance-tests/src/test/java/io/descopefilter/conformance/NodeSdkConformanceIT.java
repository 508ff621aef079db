package io.descopefilter.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.descopefilter.emulator.DescopeEmulator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Descope's official Node SDK ({@code @descope/node-sdk}, pinned in {@code node/package.json} and
 * {@code node/package-lock.json}) against the emulator: this test starts an emulated project, installs the SDK with
 * {@code npm ci} and runs {@code node --test} on {@code node/test/}, which reaches the emulator only through the
 * SDK's {@code baseUrl} option (plus the emulator's outbox for the links). Node and npm are required: without them
 * this test fails, it never skips.
 */
class NodeSdkConformanceIT {

    private static final int MINIMUM_NODE_MAJOR = 18;
    private static final long NPM_CI_TIMEOUT_SECONDS = 180;
    private static final long NODE_TEST_TIMEOUT_SECONDS = 120;
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");

    private final Path nodeProject = Path.of(System.getProperty("node.project.dir", "node")).toAbsolutePath();
    private final Path logDirectory = Path.of(System.getProperty("node.log.dir", "target/node-sdk")).toAbsolutePath();
    private final String node = System.getProperty("node.executable", "node");
    private final String npm = System.getProperty("npm.executable", WINDOWS ? "npm.cmd" : "npm");

    private DescopeEmulator emulator;

    @BeforeEach
    void startEmulator() {
        emulator = DescopeEmulator.builder()
                .projectId(EmulatedProject.PROJECT_ID)
                .managementKey(EmulatedProject.MANAGEMENT_KEY)
                .port(0)
                .approvedDomains(List.of("localhost", "127.0.0.1"))
                .defaultRedirectUrl(EmulatedProject.REDIRECT_URL)
                .start();
    }

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void officialNodeSdkWorksAgainstTheEmulatorUnchanged() throws Exception {
        assertThat(nodeProject.resolve("package.json")).as("Node project of the Node SDK test").isRegularFile();
        assertThat(nodeProject.resolve("package-lock.json")).as("lock file (npm ci needs it)").isRegularFile();
        Files.createDirectories(logDirectory);

        Result version = run("node-version", 30, node, "--version");
        Matcher major = Pattern.compile("^v(\\d+)\\.").matcher(version.output.strip());
        if (version.exitCode != 0 || !major.find()) {
            fail("'" + node + " --version' did not answer a version (exit " + version.exitCode + "):\n" + version.output);
        }
        assertThat(Integer.parseInt(major.group(1)))
                .as("Node.js major version (%s); the Node SDK test needs node:test", version.output.strip())
                .isGreaterThanOrEqualTo(MINIMUM_NODE_MAJOR);

        Result install = run("npm-ci", NPM_CI_TIMEOUT_SECONDS,
                npm, "ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error");
        assertThat(install.exitCode).as("npm ci in %s; output:%n%s", nodeProject, install.output).isZero();

        List<String> nodeTest = new ArrayList<>(List.of("--test", "--test-reporter=tap"));
        nodeTest.addAll(testFiles());
        Result tests = run("node-test", NODE_TEST_TIMEOUT_SECONDS, node, nodeTest.toArray(String[]::new));
        assertThat(tests.exitCode)
                .as("node --test against the emulator at %s; output:%n%s", emulator.baseUrl(), tests.output)
                .isZero();
        assertThat(tests.output).as("node --test output").containsPattern("(?m)^# pass [1-9]")
                .containsPattern("(?m)^# fail 0$");
    }

    /** The test files, named explicitly so that Node 18, 20 and 22 (which differ in discovery) run the same. */
    private List<String> testFiles() throws IOException {
        try (var files = Files.list(nodeProject.resolve("test"))) {
            List<String> names = files.map(path -> nodeProject.relativize(path).toString())
                    .filter(name -> name.endsWith(".test.mjs"))
                    .sorted()
                    .toList();
            assertThat(names).as("Node SDK test files in %s", nodeProject.resolve("test")).isNotEmpty();
            return names;
        }
    }

    private Result run(String name, long timeoutSeconds, String executable, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(arguments));
        File log = logDirectory.resolve(name + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(nodeProject.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.put("DESCOPE_BASE_URL", emulator.baseUrl());
        env.put("DESCOPE_PROJECT_ID", emulator.projectId());
        env.put("DESCOPE_MANAGEMENT_KEY", emulator.managementKey());
        env.put("NO_UPDATE_NOTIFIER", "1");
        env.put("npm_config_update_notifier", "false");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run '" + executable + "' (" + e.getMessage() + "): the Node SDK"
                    + " conformance test needs Node.js >= " + MINIMUM_NODE_MAJOR + " and npm on the PATH"
                    + " (Debian: apt-get install nodejs npm), or -Dnode.executable / -Dnpm.executable", e);
        }
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s; output:\n"
                    + Files.readString(log.toPath(), StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
