package io.descopefilter.jakarta.internal.http;

import io.descopefilter.jakarta.testsupport.FakeRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressTest {

    @Test
    void tx06_forwardedForIsIgnoredFromUntrustedPeers() {
        ClientAddress clients = ClientAddress.trusting(List.of());
        FakeRequest request = new FakeRequest("GET", "/").remoteAddr("203.0.113.5")
                .header("X-Forwarded-For", "198.51.100.7");

        assertThat(clients.of(request.proxy())).isEqualTo("203.0.113.5");
    }

    @Test
    void tx06_forwardedForFromATrustedProxyNamesTheClient() {
        ClientAddress clients = ClientAddress.trusting(List.of("10.0.0.1", "10.0.0.2"));
        FakeRequest request = new FakeRequest("GET", "/").remoteAddr("10.0.0.1")
                .header("X-Forwarded-For", "1.2.3.4, 198.51.100.7, 10.0.0.2");

        assertThat(clients.of(request.proxy())).isEqualTo("198.51.100.7");
    }

    @Test
    void tx06_garbageInForwardedForFallsBackToThePeer() {
        ClientAddress clients = ClientAddress.trusting(List.of("10.0.0.1"));
        FakeRequest request = new FakeRequest("GET", "/").remoteAddr("10.0.0.1")
                .header("X-Forwarded-For", "evil.example.com");

        assertThat(clients.of(request.proxy())).isEqualTo("10.0.0.1");
    }

    @Test
    void refusesHostNamesAsTrustedProxies() {
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("999.1.1.1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rl_everyForwardedForLineIsReadAndTheNearestTrustedProxyNamesTheClient() {
        ClientAddress clients = ClientAddress.trusting(List.of("10.0.0.1"));
        // The client's own (forged) line comes first; the proxy appended the address it saw on its own line.
        FakeRequest request = new FakeRequest("GET", "/").remoteAddr("10.0.0.1")
                .header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-For", "198.51.100.7");

        assertThat(clients.of(request.proxy())).isEqualTo("198.51.100.7");
    }

    @Test
    void rl_ipv6ClientsAreKeyedByTheirSlash64() {
        ClientAddress clients = ClientAddress.trusting(List.of());
        String a = clients.of(new FakeRequest("GET", "/").remoteAddr("2001:db8:1:2:aaaa::1").proxy());
        String b = clients.of(new FakeRequest("GET", "/").remoteAddr("2001:db8:1:2:bbbb:cccc:dddd:eeee").proxy());
        String c = clients.of(new FakeRequest("GET", "/").remoteAddr("2001:db8:1:3::1").proxy());

        assertThat(a).isEqualTo("2001:db8:1:2::/64").isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        assertThat(clients.of(new FakeRequest("GET", "/").remoteAddr("203.0.113.5").proxy())).isEqualTo("203.0.113.5");
    }
}
