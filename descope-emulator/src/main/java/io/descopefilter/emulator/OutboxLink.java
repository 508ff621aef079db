package io.descopefilter.emulator;

import jakarta.json.bind.annotation.JsonbTransient;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One link inside a "sent" message.
 *
 * @param url    the full link, {@code <redirect URI>?t=<token>}
 * @param linkId the two-digit number shown next to an enchanted link; {@code null} for magic links
 */
public record OutboxLink(String url, String linkId) {

    public OutboxLink {
        Objects.requireNonNull(url, "url");
    }

    /** The {@code t} query parameter of the link, i.e. the single-use token to verify. */
    @JsonbTransient
    public String token() {
        String query = URI.create(url).getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("t=")) {
                    return URLDecoder.decode(pair.substring(2), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IllegalStateException("link has no t parameter");
    }

    /** Masks the token: links are credentials. */
    @Override
    public String toString() {
        int query = url.indexOf('?');
        String safeUrl = query < 0 ? url : url.substring(0, query) + "?t=***";
        return "OutboxLink[url=" + safeUrl + ", linkId=" + linkId + "]";
    }
}
