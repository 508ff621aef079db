package io.descopefilter.core.internal.http;

import io.descopefilter.core.CallKind;
import io.descopefilter.core.CallProtection;
import io.descopefilter.core.DescopeClientConfig;
import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeException;
import io.descopefilter.core.internal.events.EventDispatcher;
import io.descopefilter.core.internal.events.JfrDescopeCall;
import io.descopefilter.core.internal.resilience.Bulkheads;
import io.descopefilter.core.internal.resilience.CircuitBreaker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP plumbing of {@link DescopeClient}: one pooled HttpClient 5 (classic), timeouts, the whole-call deadline,
 * the response size cap and the narrow retry rules.
 *
 * <p>Retries: a connect failure (nothing was sent) may be retried on any call; a "service unavailable" status or a
 * broken connection only on {@link Call#idempotentRead()} calls. Nothing else is ever resent,
 * so a single-use link token or pending reference is never spent twice behind the caller's back. HttpClient's own
 * retry strategy, which resends POSTs after 429/503 (contract §14), is disabled.
 */
public final class DescopeTransport implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DescopeTransport.class.getName());

    static final String SDK_NAME = "descope-filter";
    static final String SDK_VERSION = loadSdkVersion();
    private static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMillis(100), Duration.ofMillis(250));
    private static final Set<Integer> UNAVAILABLE_STATUSES = Set.of(503, 520, 521, 522, 524, 530);
    private static final ContentType JSON = ContentType.create("application/json");

    /**
     * Name of the one thread each client owns: it only fires deadlines, which cancel the in-flight request. It
     * starts with a call, ends a few seconds after the last one (so a client never closed holds no thread for long)
     * and is stopped at once by {@link #close()}.
     */
    public static final String DEADLINE_THREAD_NAME = "descope-client-deadlines";
    private static final long IDLE_THREAD_SECONDS = 3;

    private final DescopeClientConfig config;
    /** Started with the first call, stopped by {@link #close()}. */
    private final ScheduledThreadPoolExecutor deadlines = deadlineScheduler();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient http;
    private final Bulkheads bulkheads;
    /** Other nodes' breaker verdict; {@code null} unless shared through a store. */
    private volatile io.descopefilter.core.internal.resilience.SharedCircuitVerdict verdict;
    /** {@code null} when the configuration has no breaker. */
    private final CircuitBreaker breaker;
    private final EventDispatcher events;

    /**
     * One HTTP exchange to make. {@code body} is {@code null} for a GET. {@code idempotentRead} marks calls that
     * consume nothing and change nothing, which alone may be resent after a server or connection failure.
     */
    public record Call(String method, String path, String authorization, byte[] body, boolean idempotentRead) {
        public String describe() {
            return method + " " + path;
        }

        @Override
        public String toString() {
            return "Call[" + describe() + ", authorization=" + Redaction.mask(authorization) + "]";
        }
    }

    /** A complete answer: status, capped body, and the {@code Retry-After} header if any. */
    public record Response(int status, byte[] body, String retryAfter) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    public DescopeTransport(DescopeClientConfig config) {
        this(config, new EventDispatcher());
    }

    /** A transport that reports each call (and the breaker's changes) to {@code events}. */
    public DescopeTransport(DescopeClientConfig config, EventDispatcher events) {
        this.config = config;
        this.events = events;
        CallProtection protection = config.protection();
        this.bulkheads = new Bulkheads(protection);
        this.breaker = protection.hasBreaker() ? new CircuitBreaker(protection.failuresToOpen(),
                protection.openWait(), CallProtection.MAX_OPEN_WAIT, System::nanoTime, events) : null;
        Timeout connectTimeout = Timeout.of(config.connectTimeout());
        Timeout responseTimeout = Timeout.of(config.responseTimeout());
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(config.maxConnections())
                .setMaxConnPerRoute(config.maxConnections())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(responseTimeout).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connectTimeout)
                        .setSocketTimeout(responseTimeout)
                        // A pooled connection idle this long is checked before reuse, so a connection the server
                        // closed meanwhile is not used to send a request that then cannot be retried.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(pool)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(SDK_NAME + "/" + SDK_VERSION)
                .build();
    }

    /**
     * Makes the call, retrying only where safe. Returns any HTTP answer (success or error status); throws a
     * {@link DescopeException} of kind TRANSPORT, TIMEOUT or MALFORMED_RESPONSE when there is no usable answer.
     */
    public Response execute(Call call) {
        if (closed.get()) {
            throw new IllegalStateException("the DescopeClient is closed");
        }
        CallKind kind = CallKind.ofPath(call.path());
        JfrDescopeCall recording = new JfrDescopeCall();
        recording.begin();
        long start = System.nanoTime();
        Response response = null;
        RuntimeException failure = null;
        try {
            response = protectedCall(call, kind);
            return response;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            report(call, kind, recording, start, response, failure);
        }
    }

    /** The JFR event and the listeners' {@link DescopeEvent.DescopeCall}; neither costs anything when unused. */
    private void report(Call call, CallKind kind, JfrDescopeCall recording, long start, Response response,
                        RuntimeException failure) {
        recording.end();
        boolean jfr = recording.shouldCommit();
        if (!jfr && !events.isActive()) {
            return;
        }
        DescopeEvent.CallOutcome outcome = outcomeOf(response, failure);
        int status = response == null ? 0 : response.status();
        if (jfr) {
            recording.kind = kind.name();
            recording.endpoint = call.describe();
            recording.outcome = outcome.name();
            recording.status = status;
            recording.commit();
        }
        if (events.isActive()) {
            events.onEvent(new DescopeEvent.DescopeCall(EventDispatcher.now(), kind, outcome, status,
                    Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private static DescopeEvent.CallOutcome outcomeOf(Response response, RuntimeException failure) {
        if (response == null) {
            return failure instanceof DescopeException e && e.notSent() ? DescopeEvent.CallOutcome.NOT_SENT
                    : DescopeEvent.CallOutcome.FAILED;
        }
        int status = response.status();
        if (response.isSuccess()) {
            return DescopeEvent.CallOutcome.OK;
        }
        if (status == 429) {
            return DescopeEvent.CallOutcome.RATE_LIMITED;
        }
        return status >= 400 && status < 500 ? DescopeEvent.CallOutcome.REFUSED : DescopeEvent.CallOutcome.FAILED;
    }

    private Response protectedCall(Call call, CallKind kind) {
        if (!bulkheads.tryAcquire(kind)) {
            // Nothing waits for a permit: a caller beyond the cap gets its answer now (RL bulkhead).
            throw DescopeException.notSent(call.describe(), "too many " + kind + " calls to Descope in flight",
                    (config.callTimeout().toMillis() + 999) / 1000);
        }
        try {
            io.descopefilter.core.internal.resilience.SharedCircuitVerdict shared = verdict;
            long refusedFor = shared == null ? 0 : shared.refusedForMillis();
            if (refusedFor > 0) {
                throw DescopeException.notSent(call.describe(), "the Descope circuit breaker is open on another node",
                        Math.max(1, (refusedFor + 999) / 1000));
            }
            CircuitBreaker.Pass pass = breaker == null ? CircuitBreaker.Pass.ALLOWED : breaker.tryPass();
            if (pass == CircuitBreaker.Pass.REFUSED) {
                throw DescopeException.notSent(call.describe(), "the Descope circuit breaker is open",
                        breaker.secondsUntilProbe());
            }
            return guarded(call, pass == CircuitBreaker.Pass.PROBE);
        } finally {
            bulkheads.release(kind);
        }
    }

    /**
     * Shares the breaker's verdict with the other nodes through {@code shared}; without a breaker, nothing is
     * shared or honoured.
     */
    public void shareVerdict(io.descopefilter.core.internal.resilience.SharedCircuitVerdict shared) {
        if (breaker != null) {
            breaker.onOpen(shared::opened);
            this.verdict = shared;
        }
    }

    /** The circuit breaker's state, or {@code null} without a breaker; for tests and diagnostics. */
    public CircuitBreaker.State circuitState() {
        return breaker == null ? null : breaker.state();
    }

    private Response guarded(Call call, boolean probe) {
        boolean judged = false;
        try {
            Response response = executeWithRetries(call);
            judged = judge(call, response, probe);
            return response;
        } catch (DescopeException e) {
            if (breaker != null) {
                breaker.onFailure(-1, false, probe, call.describe() + " " + e.kind());
                judged = true;
            }
            throw e;
        } finally {
            if (probe && !judged) {
                breaker.onAbandonedProbe();
            }
        }
    }

    /** Tells the breaker what this answer says about Descope's health. */
    private boolean judge(Call call, Response response, boolean probe) {
        if (breaker == null) {
            return false;
        }
        int status = response.status();
        if (status == 429) {
            breaker.onFailure(ErrorResponses.retryAfterSeconds(response.retryAfter()), true, probe,
                    call.describe() + " HTTP 429");
        } else if (status >= 500) {
            long retryAfter = response.retryAfter() == null ? -1
                    : ErrorResponses.retryAfterSeconds(response.retryAfter());
            breaker.onFailure(retryAfter, false, probe, call.describe() + " HTTP " + status);
        } else if (response.isSuccess() && !looksLikeJson(response.body())) {
            breaker.onFailure(-1, false, probe, call.describe() + " answered something other than JSON");
        } else {
            breaker.onSuccess();
        }
        return true;
    }

    /** An empty body, or one whose first non-blank byte opens a JSON object or array. */
    private static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return true;
    }

    private Response executeWithRetries(Call call) {
        long start = System.nanoTime();
        long deadline = start + config.callTimeout().toNanos();
        for (int attempt = 0; ; attempt++) {
            Response response;
            try {
                response = attempt(call, deadline);
            } catch (AttemptFailure failure) {
                if (failure.retryable
                        && pauseBeforeRetry(call, attempt, start, deadline, failure.exception.getMessage())) {
                    continue;
                }
                throw failure.exception;
            }
            if (call.idempotentRead() && UNAVAILABLE_STATUSES.contains(response.status())
                    && pauseBeforeRetry(call, attempt, start, deadline, "HTTP " + response.status())) {
                continue;
            }
            return response;
        }
    }

    /** Pool statistics, so tests can show that connections are reused. */
    public PoolStats poolStats() {
        return pool.getTotalStats();
    }

    /** Closes the connection pool and stops the deadline thread; calls after this fail. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            deadlines.shutdownNow();
            http.close(CloseMode.GRACEFUL);
        }
    }

    private boolean pauseBeforeRetry(Call call, int attempt, long start, long deadline, String reason) {
        if (attempt >= RETRY_DELAYS.size()) {
            return false;
        }
        long delay = RETRY_DELAYS.get(attempt).toNanos();
        long resumeAt = System.nanoTime() + delay;
        if (resumeAt - start > config.retryBudget().toNanos() || resumeAt - deadline >= 0) {
            return false;
        }
        LOG.log(System.Logger.Level.DEBUG, "Retrying {0} after {1}", call.describe(), reason);
        try {
            TimeUnit.NANOSECONDS.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Response attempt(Call call, long deadline) throws AttemptFailure {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new AttemptFailure(timeout(call, null), false);
        }
        HttpUriRequestBase request = newRequest(call, remaining);
        AtomicBoolean deadlinePassed = new AtomicBoolean();
        ScheduledFuture<?> watchdog;
        try {
            watchdog = deadlines.schedule(() -> {
                deadlinePassed.set(true);
                request.cancel();
            }, remaining, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the DescopeClient is closed", e);
        }
        try {
            return http.execute(request, this::readResponse);
        } catch (IOException e) {
            DescopeException failure = classify(call, e, deadlinePassed.get());
            // Nothing was sent after a failed connect; a read that consumes nothing may be resent after any
            // broken connection (e.g. a pooled connection the server had closed). Nothing else is resent.
            boolean connectFailed = e instanceof ConnectException || e instanceof ConnectTimeoutException;
            boolean retryable = !deadlinePassed.get() && (connectFailed
                    || (call.idempotentRead() && failure.kind() == DescopeException.Kind.TRANSPORT));
            throw new AttemptFailure(failure, retryable);
        } finally {
            watchdog.cancel(false);
        }
    }

    private HttpUriRequestBase newRequest(Call call, long remainingNanos) {
        String uri = config.baseUrl() + call.path();
        HttpUriRequestBase request = call.body() == null ? new HttpGet(uri) : new HttpPost(uri);
        if (call.body() != null) {
            request.setEntity(new ByteArrayEntity(call.body(), JSON));
        }
        request.setHeader(HttpHeaders.AUTHORIZATION, call.authorization());
        request.setHeader(HttpHeaders.ACCEPT, JSON.getMimeType());
        request.setHeader(HttpHeaders.CONTENT_TYPE, JSON.getMimeType());
        request.setHeader("x-descope-project-id", config.projectId());
        request.setHeader("x-descope-sdk-name", SDK_NAME);
        request.setHeader("x-descope-sdk-version", SDK_VERSION);
        Duration remaining = Duration.ofNanos(remainingNanos);
        request.setConfig(RequestConfig.custom()
                .setRedirectsEnabled(false)
                // Waiting for a free pooled connection is bounded like connecting: when Descope hangs and every
                // connection is busy, further calls fail fast instead of piling up (a bulkhead).
                .setConnectionRequestTimeout(Timeout.of(min(config.connectTimeout(), remaining)))
                .setResponseTimeout(Timeout.of(min(config.responseTimeout(), remaining)))
                .build());
        return request;
    }

    private Response readResponse(ClassicHttpResponse response) throws IOException {
        Header retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        byte[] body = readCappedBody(response.getEntity());
        return new Response(response.getCode(), body, retryAfter == null ? null : retryAfter.getValue());
    }

    private byte[] readCappedBody(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        int max = config.maxResponseBytes();
        if (entity.getContentLength() > max) {
            throw new ResponseTooLargeException();
        }
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return new byte[0];
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (out.size() + read > max) {
                    throw new ResponseTooLargeException();
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (ResponseTooLargeException e) {
            throw e;
        } catch (IOException e) {
            throw new BodyReadException(e);
        }
    }

    private DescopeException timeout(Call call, Throwable cause) {
        return DescopeException.failure(DescopeException.Kind.TIMEOUT, call.describe(), 0,
                "no complete answer within the call timeout of " + config.callTimeout().toMillis() + " ms", cause);
    }

    private DescopeException classify(Call call, IOException e, boolean deadlinePassed) {
        if (deadlinePassed) {
            return timeout(call, e);
        }
        String where = call.describe();
        if (e instanceof ResponseTooLargeException) {
            return DescopeException.failure(DescopeException.Kind.MALFORMED_RESPONSE, where, 0,
                    "response body larger than " + config.maxResponseBytes() + " bytes", null);
        }
        if (e instanceof BodyReadException) {
            Throwable cause = e.getCause();
            if (cause instanceof ConnectionClosedException || cause instanceof MalformedChunkCodingException) {
                return DescopeException.failure(DescopeException.Kind.MALFORMED_RESPONSE, where, 0,
                        "response body truncated", cause);
            }
            if (cause instanceof SocketTimeoutException) {
                return DescopeException.failure(DescopeException.Kind.TIMEOUT, where, 0,
                        "response body stalled for more than the response timeout", cause);
            }
            return DescopeException.failure(DescopeException.Kind.TRANSPORT, where, 0,
                    "connection failed while reading the response body", cause);
        }
        if (e instanceof ConnectTimeoutException) {
            return DescopeException.failure(DescopeException.Kind.TIMEOUT, where, 0, "connect timed out", e);
        }
        if (e instanceof ConnectException) {
            return DescopeException.failure(DescopeException.Kind.TRANSPORT, where, 0, "connection refused", e);
        }
        if (e instanceof SocketTimeoutException) {
            return DescopeException.failure(DescopeException.Kind.TIMEOUT, where, 0,
                    "no response within the response timeout of " + config.responseTimeout().toMillis() + " ms", e);
        }
        if (e instanceof ConnectionRequestTimeoutException) {
            return DescopeException.failure(DescopeException.Kind.TIMEOUT, where, 0,
                    "all " + config.maxConnections() + " pooled connections stayed busy", e);
        }
        if (e instanceof InterruptedIOException) {
            return DescopeException.failure(DescopeException.Kind.TIMEOUT, where, 0, "call was interrupted", e);
        }
        return DescopeException.failure(DescopeException.Kind.TRANSPORT, where, 0,
                "connection failed (" + e.getClass().getSimpleName() + ")", e);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static ScheduledThreadPoolExecutor deadlineScheduler() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, DEADLINE_THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled deadlines leave the queue at once, so the idle thread can end; it never ends while one is pending.
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(IDLE_THREAD_SECONDS, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static String loadSdkVersion() {
        try (InputStream in = DescopeTransport.class.getResourceAsStream("sdk-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A failed attempt, and whether resending the call is safe. */
    private static final class AttemptFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient DescopeException exception;
        private final boolean retryable;

        AttemptFailure(DescopeException exception, boolean retryable) {
            super(null, null, false, false);
            this.exception = exception;
            this.retryable = retryable;
        }
    }

    /** The body is bigger than {@link DescopeClientConfig#maxResponseBytes()}. */
    private static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Reading the body failed after the status line and headers had arrived. */
    private static final class BodyReadException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyReadException(IOException cause) {
            super(cause);
        }
    }
}
