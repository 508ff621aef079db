package io.descopefilter.sample.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunningSampleTest {

    @TempDir
    Path directory;

    @Test
    void aTakenApplicationPortStopsTheLaunchNamingThePortAndHowToChooseAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LaunchOptions options = new LaunchOptions(war(), taken.getLocalPort(), 0, Map.of());

            assertThatThrownBy(() -> RunningSample.start(options))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " (the sample application) is already in use")
                    .hasMessageContaining("-Dsample.port=");
        }
    }

    @Test
    void aTakenEmulatorPortStopsTheLaunchAndFreesTheApplicationPort() throws Exception {
        int applicationPort = freePort();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LaunchOptions options = new LaunchOptions(war(), applicationPort, taken.getLocalPort(), Map.of());

            assertThatThrownBy(() -> RunningSample.start(options))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " (the Descope emulator)")
                    .hasMessageContaining("-Dsample.emulatorPort=");
            try (ServerSocket again = new ServerSocket(applicationPort, 1, InetAddress.getLoopbackAddress())) {
                assertThat(again.isBound()).isTrue();
            }
        }
    }

    @Test
    void aRealDescopeProjectGetsOnlyThePublicBaseUrlAndNothingOfDevMode() throws IOException {
        LaunchOptions options = new LaunchOptions(war(), 0, 0, Map.of("DESCOPE_PROJECT_ID", "P2abcdefghijklmnopqrstuvwxyz12"));

        assertThat(RunningSample.realProjectParameters(options, "http://localhost:8080"))
                .containsExactly(Map.entry("publicBaseUrl", "http://localhost:8080"));
    }

    @Test
    void aRealDescopeProjectKeepsItsOwnPublicBaseUrl() throws IOException {
        LaunchOptions options = new LaunchOptions(war(), 0, 0, Map.of("DESCOPE_PROJECT_ID",
                "P2abcdefghijklmnopqrstuvwxyz12", "DESCOPE_PUBLIC_BASE_URL", "https://app.example.com"));

        assertThat(RunningSample.realProjectParameters(options, "http://localhost:8080")).isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The launch fails before deploying anything, so any file will do as the WAR. */
    private Path war() throws IOException {
        Path war = directory.resolve("sample.war");
        if (!Files.exists(war)) {
            Files.createFile(war);
        }
        return war;
    }
}
