package io.descopefilter.cluster;

import io.descopefilter.testsupport.WebClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated browser talking to nginx only: a {@link WebClient} (no automatic redirects, a cookie jar by name,
 * safe from several threads at once) that sends the {@code Origin} of the application on every POST, as a browser
 * does from the application's own page, and reports which node answered.
 */
final class Browser {

    /** The bound on any one request: a request that takes longer fails the test. */
    static final Duration REQUEST_BOUND = Duration.ofSeconds(15);

    /** One answer, with the node that gave it ({@code X-Cluster-Node}, set by the node's application). */
    record Answer(int status, String body, Optional<String> location, String node, HttpResponse<String> raw) {
        @Override
        public String toString() {
            return status + " from " + node + location.map(l -> " -> " + l).orElse("") + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    final String origin;
    private final WebClient client = new WebClient(REQUEST_BOUND);

    Browser(String origin) {
        this.origin = origin;
    }

    Answer get(String pathOrUrl) {
        return answer(client.get(url(pathOrUrl)));
    }

    /** A GET with exactly these cookies (a request that left before the answers of its siblings came back). */
    Answer getWith(String pathOrUrl, String cookieHeader) {
        return answer(client.get(url(pathOrUrl), cookieHeader));
    }

    Answer post(String pathOrUrl, Map<String, String> fields) {
        return answer(client.post(url(pathOrUrl), origin, fields));
    }

    String cookieHeader() {
        return client.cookieHeader();
    }

    Optional<String> cookie(String name) {
        return client.cookie(name);
    }

    private String url(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? pathOrUrl : origin + pathOrUrl;
    }

    private static Answer answer(WebClient.Answer answer) {
        return new Answer(answer.status(), answer.body(), answer.location(),
                answer.raw().headers().firstValue(ClusterNode.NODE_HEADER).orElse("(no node)"), answer.raw());
    }
}
