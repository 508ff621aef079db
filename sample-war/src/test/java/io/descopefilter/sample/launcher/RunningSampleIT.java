package io.descopefilter.sample.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher serving the WAR just built (dev mode, free ports), seen over plain HTTP. */
class RunningSampleIT {

    private static RunningSample sample;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        String war = System.getProperty("sample.war");
        assertThat(war).as("sample.war (set by ./mvnw verify)").isNotNull();
        sample = RunningSample.start(new LaunchOptions(Path.of(war), 0, 0, Map.of()));
    }

    @AfterAll
    static void stop() {
        if (sample != null) {
            sample.close();
        }
    }

    /**
     * The launcher has no JSP engine: Jetty's default {@code *.jsp} mapping would reach its placeholder servlet and
     * answer 500 to any such URL. Without it they are files like any other, and missing ones get 404.
     */
    @Test
    void jspUrlsGetTheNormal404InsteadOfAServerError() throws Exception {
        for (String path : List.of("/static/x.jsp", "/static/x.jspf", "/static/x.jspx", "/static/X.JSP")) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as("%s: %s", path, answer.body()).isEqualTo(404);
            assertThat(answer.body()).as(path).doesNotContainIgnoringCase("JSP support not configured");
        }
        assertThat(get("/x.jsp").statusCode()).as("a protected path: the login redirect, not a 500").isEqualTo(302);
        assertThat(get("/static/sample.css").statusCode()).as("static files are still served").isEqualTo(200);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(sample.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
