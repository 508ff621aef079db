package io.descopefilter.core;

import io.descopefilter.core.internal.http.BaseUrls;
import io.descopefilter.core.internal.http.Redaction;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of one {@link DescopeClient}. Build with {@link #builder()}; the constructor validates everything, so an
 * instance is always usable. A refused value fails with an {@link InvalidConfigException} whose
 * {@link InvalidConfigException#field() field} is the component's name; a missing project ID with a
 * {@link NullPointerException}.
 *
 * @param projectId        the Descope project ID: at least 28 letters or digits
 * @param managementKey    the management key for {@code /v1/mgmt} calls, or {@code null} when none is needed
 * @param baseUrl          Descope's API base URL; derived from the project ID's region when not set (contract §1).
 *                         Must be https, except for a loopback host (a local emulator)
 * @param connectTimeout   limit for opening a TCP connection (default 2 s)
 * @param responseTimeout  limit for waiting on response data between reads (default 5 s)
 * @param callTimeout      limit for a whole call, retries and slow-drip bodies included (default 10 s)
 * @param maxResponseBytes largest response body accepted (default 1 MiB)
 * @param maxConnections   size of the connection pool (default 20)
 * @param retryBudget      longest time, from the start of a call, within which a retry may still begin (default 1 s)
 * @param protection       bulkheads per kind of call and the circuit breaker (default {@link CallProtection#NONE});
 *                         the caps must add up to at most {@code maxConnections}, so that every kind keeps its
 *                         connections
 */
public record DescopeClientConfig(
        String projectId,
        String managementKey,
        URI baseUrl,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration callTimeout,
        int maxResponseBytes,
        int maxConnections,
        Duration retryBudget,
        CallProtection protection) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 20;
    public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(1);

    private static final int MIN_PROJECT_ID_LENGTH = 28;
    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9]+");
    /** Visible ASCII except ':', which separates the parts of the Authorization header. */
    private static final Pattern MANAGEMENT_KEY = Pattern.compile("[\\x21-\\x39\\x3B-\\x7E]{1,4096}");

    public DescopeClientConfig {
        Objects.requireNonNull(projectId, "projectId is required");
        if (projectId.length() < MIN_PROJECT_ID_LENGTH || !PROJECT_ID.matcher(projectId).matches()) {
            throw new InvalidConfigException("projectId", "projectId must be at least " + MIN_PROJECT_ID_LENGTH
                    + " letters or digits (A-Z, a-z, 0-9)");
        }
        if (managementKey != null && !MANAGEMENT_KEY.matcher(managementKey).matches()) {
            throw new InvalidConfigException("managementKey",
                    "managementKey must be 1 to 4096 visible ASCII characters without spaces or ':'");
        }
        baseUrl = baseUrl == null ? BaseUrls.forProject(projectId) : BaseUrls.check(baseUrl, "baseUrl");
        connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
        responseTimeout = positive(responseTimeout, DEFAULT_RESPONSE_TIMEOUT, "responseTimeout");
        callTimeout = positive(callTimeout, DEFAULT_CALL_TIMEOUT, "callTimeout");
        retryBudget = retryBudget == null ? DEFAULT_RETRY_BUDGET : retryBudget;
        if (retryBudget.isNegative()) {
            throw new InvalidConfigException("retryBudget", "retryBudget must not be negative");
        }
        if (maxResponseBytes <= 0) {
            throw new InvalidConfigException("maxResponseBytes", "maxResponseBytes must be positive");
        }
        if (maxConnections <= 0) {
            throw new InvalidConfigException("maxConnections", "maxConnections must be positive");
        }
        protection = protection == null ? CallProtection.NONE : protection;
        if (protection.capsEveryKind() && protection.totalCap() > maxConnections) {
            throw new InvalidConfigException("protection", "the caps on concurrent calls add up to "
                    + protection.totalCap() + ", more than maxConnections (" + maxConnections + ")");
        }
    }

    /** The settings without {@link CallProtection} (the constructor of earlier versions). */
    public DescopeClientConfig(String projectId, String managementKey, URI baseUrl, Duration connectTimeout,
                               Duration responseTimeout, Duration callTimeout, int maxResponseBytes,
                               int maxConnections, Duration retryBudget) {
        this(projectId, managementKey, baseUrl, connectTimeout, responseTimeout, callTimeout, maxResponseBytes,
                maxConnections, retryBudget, CallProtection.NONE);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether management calls ({@code /v1/mgmt/...}) can be made. */
    public boolean hasManagementKey() {
        return managementKey != null;
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        Duration result = value == null ? fallback : value;
        if (result.isNegative() || result.isZero()) {
            throw new InvalidConfigException(name, name + " must be positive");
        }
        return result;
    }

    @Override
    public String toString() {
        return "DescopeClientConfig[projectId=" + projectId
                + ", managementKey=" + Redaction.mask(managementKey)
                + ", baseUrl=" + baseUrl
                + ", connectTimeout=" + connectTimeout
                + ", responseTimeout=" + responseTimeout
                + ", callTimeout=" + callTimeout
                + ", maxResponseBytes=" + maxResponseBytes
                + ", maxConnections=" + maxConnections
                + ", retryBudget=" + retryBudget
                + ", protection=" + protection + "]";
    }

    /** Builder with the documented defaults; only {@link #projectId(String)} is required. */
    public static final class Builder {
        private String projectId;
        private String managementKey;
        private URI baseUrl;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration retryBudget = DEFAULT_RETRY_BUDGET;
        private CallProtection protection = CallProtection.NONE;

        private Builder() {
        }

        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        public Builder managementKey(String managementKey) {
            this.managementKey = managementKey;
            return this;
        }

        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** @throws InvalidConfigException for {@code baseUrl} when the text is not a URL at all */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl == null ? null : BaseUrls.check(baseUrl, "baseUrl");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        public Builder maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder retryBudget(Duration retryBudget) {
            this.retryBudget = retryBudget;
            return this;
        }

        public Builder protection(CallProtection protection) {
            this.protection = protection;
            return this;
        }

        public DescopeClientConfig build() {
            return new DescopeClientConfig(projectId, managementKey, baseUrl, connectTimeout, responseTimeout,
                    callTimeout, maxResponseBytes, maxConnections, retryBudget, protection);
        }
    }
}
