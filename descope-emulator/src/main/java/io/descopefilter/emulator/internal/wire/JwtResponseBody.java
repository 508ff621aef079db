package io.descopefilter.emulator.internal.wire;

/**
 * The Descope JWTResponse. A null {@code refreshJwt} or {@code user} is left out of the JSON, which is how
 * a refresh without rotation answers.
 */
public record JwtResponseBody(String sessionJwt, String refreshJwt, String cookieDomain, String cookiePath,
                              long cookieMaxAge, long cookieExpiration, boolean firstSeen, ResponseUser user) {

    /** The logout answer: same shape, empty values, so clients clear their cookies. */
    public static JwtResponseBody empty() {
        return new JwtResponseBody("", "", "", "/", 0, 0, false, null);
    }

    @Override
    public String toString() {
        return "JwtResponseBody[sessionJwt=***, refreshJwt=***, user=" + (user == null ? null : user.userId()) + "]";
    }
}
