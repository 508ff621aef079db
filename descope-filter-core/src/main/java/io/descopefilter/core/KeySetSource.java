package io.descopefilter.core;

/**
 * Where the project's public keys come from: the raw JSON of {@code GET /v2/keys/{projectId}} (contract §6).
 * In production this is {@code DescopeClient::fetchKeySetJson}; any exception means "fetch failed".
 */
@FunctionalInterface
public interface KeySetSource {

    String fetchKeySetJson();
}
