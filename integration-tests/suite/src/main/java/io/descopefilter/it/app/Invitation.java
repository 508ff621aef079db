package io.descopefilter.it.app;

import io.descopefilter.jakarta.DescopeLinks;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * An invitation made off the HTTP request, as a back-office job would make one to email it: the job obtains
 * {@code DescopeLinks} from CDI on its own thread (so CDI produces it there, not during the request) and makes an
 * embedded sign-in link. Test-only: a real app never hands sign-in URLs to anonymous callers.
 */
public final class Invitation {

    private Invitation() {
    }

    /**
     * Runs on the job's thread. What it saw: {@code thread} (its name), and either {@code url} and
     * {@code readiness} (the names of the readiness checks) or {@code error} (the exceptions' classes and messages).
     */
    public static Map<String, String> make(Supplier<DescopeLinks> links, String loginId, String next) {
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("thread", Thread.currentThread().getName());
        try {
            DescopeLinks descope = links.get();
            seen.put("url", descope.embeddedLinkUrl(loginId, Map.of(), Duration.ofMinutes(5), next));
            seen.put("readiness", String.join(",", descope.readiness().checks().keySet()));
        } catch (RuntimeException e) {
            seen.put("error", describe(e));
        }
        return seen;
    }

    /**
     * Runs on the request's thread: waits for the job and answers what it saw as JSON, plus {@code offRequest}:
     * whether the job ran on a thread other than this request's.
     */
    public static void answer(HttpServletResponse response, Future<Map<String, String>> job)
            throws IOException, ServletException {
        Map<String, String> seen;
        try {
            seen = job.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ServletException("the invitation job did not finish", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted", e);
        }
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("offRequest", !Thread.currentThread().getName().equals(seen.get("thread")));
        seen.forEach(body::add);
        JsonObject answer = body.build();
        JsonResponses.write(response, 200, answer);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(text.isEmpty() ? "" : " <- ").append(t.getClass().getName()).append(": ")
                    .append(t.getMessage());
        }
        return text.toString();
    }
}
