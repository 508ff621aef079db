package io.descopefilter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTest {

    private DescopeEmulator emulator;
    private EmulatorClient client;
    private Flows flows;

    @BeforeEach
    void start() {
        startWith(TestEmulators.builder());
    }

    private void startWith(DescopeEmulator.Builder builder) {
        if (emulator != null) {
            emulator.close();
        }
        emulator = builder.start();
        client = new EmulatorClient(emulator);
        flows = new Flows(emulator, client);
        emulator.createUser(EmulatorUser.builder("alice@example.com").name("Alice").roles("admin")
                .permissions("users.read").tenant("t1", "Tenant One", List.of("editor"), List.of("docs.write"))
                .customAttribute("plan", "gold").build());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Reply refresh(String refreshJwt) {
        return client.post("/v1/auth/refresh", client.refresh(refreshJwt), null);
    }

    @Test
    void sessionJwtIsRs256WithKidTypAndAllDescopeClaims() throws Exception {
        JsonObject response = flows.login("alice@example.com").json();
        SignedJWT session = Jwts.verified(client, response.getString("sessionJwt"));
        JWTClaimsSet claims = session.getJWTClaimsSet();
        String userId = response.getJsonObject("user").getString("userId");

        assertThat(session.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(session.getHeader().getKeyID()).isEqualTo(emulator.signingKey().getKeyID());
        assertThat(session.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(claims.getIssuer()).isEqualTo(TestEmulators.PROJECT_ID);
        assertThat(claims.getSubject()).isEqualTo(userId);
        assertThat(claims.getStringClaim("drn")).isEqualTo("DS");
        assertThat(claims.getStringListClaim("amr")).containsExactly("email");
        assertThat(claims.getStringListClaim("roles")).containsExactly("admin");
        assertThat(claims.getStringListClaim("permissions")).containsExactly("users.read");
        assertThat(claims.getJSONObjectClaim("tenants")).isEqualTo(
                Map.of("t1", Map.of("roles", List.of("editor"), "permissions", List.of("docs.write"))));
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getClaim("dct")).isNull();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void refreshJwtCarriesDsrAJtiAndTheRefreshLifetime() throws Exception {
        JsonObject response = flows.login("alice@example.com").json();
        JWTClaimsSet refresh = Jwts.claims(client, response.getString("refreshJwt"));

        assertThat(refresh.getStringClaim("drn")).isEqualTo("DSR");
        assertThat(refresh.getJWTID()).isNotBlank();
        assertThat(Duration.between(refresh.getIssueTime().toInstant(), refresh.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofDays(30));
        assertThat(response.getJsonNumber("cookieExpiration").longValue())
                .isEqualTo(refresh.getExpirationTime().toInstant().getEpochSecond());
        assertThat(response.getJsonNumber("cookieMaxAge").longValue()).isBetween(Duration.ofDays(30).toSeconds() - 5,
                Duration.ofDays(30).toSeconds());
    }

    @Test
    void sessionAndRefreshLifetimesAreConfigurable() throws Exception {
        startWith(TestEmulators.builder().sessionTtl(Duration.ofSeconds(90)).refreshTtl(Duration.ofHours(2)));
        JsonObject response = flows.login("alice@example.com").json();

        JWTClaimsSet session = Jwts.claims(client, response.getString("sessionJwt"));
        JWTClaimsSet refresh = Jwts.claims(client, response.getString("refreshJwt"));

        assertThat(session.getExpirationTime().getTime() - session.getIssueTime().getTime()).isEqualTo(90_000);
        assertThat(refresh.getExpirationTime().getTime() - refresh.getIssueTime().getTime()).isEqualTo(7_200_000);
    }

    @Test
    void refreshWithoutRotationAnswersANewSessionAndOmitsTheRefreshJwt() throws Exception {
        EmulatorTokens tokens = emulator.issueSession("alice@example.com", Map.of("plan", "gold"));

        Reply reply = refresh(tokens.refreshJwt());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().containsKey("refreshJwt")).isFalse();
        JWTClaimsSet session = Jwts.claims(client, reply.json().getString("sessionJwt"));
        assertThat(session.getStringClaim("drn")).isEqualTo("DS");
        assertThat(session.getStringClaim("plan")).isEqualTo("gold");
        assertThat(session.getJWTID()).isNotEqualTo(Jwts.claims(client, tokens.sessionJwt()).getJWTID());
        assertThat(refresh(tokens.refreshJwt()).status()).isEqualTo(200);
    }

    @Test
    void refreshAcceptsEmptyJsonAndUnknownFieldBodies() {
        EmulatorTokens tokens = emulator.issueSession("alice@example.com");

        assertThat(client.post("/v1/auth/refresh", client.refresh(tokens.refreshJwt()), "{}").status()).isEqualTo(200);
        assertThat(client.post("/v1/auth/refresh", client.refresh(tokens.refreshJwt()),
                "{\"externalToken\":\"x\",\"unknown\":null}").status()).isEqualTo(200);
    }

    @Test
    void refreshWithRotationReturnsANewRefreshJwtAndRevokesTheOldOne() throws Exception {
        startWith(TestEmulators.builder().refreshTokenRotation(true));
        EmulatorTokens tokens = emulator.issueSession("alice@example.com");

        Reply rotated = refresh(tokens.refreshJwt());
        String newRefresh = rotated.json().getString("refreshJwt");

        assertThat(newRefresh).isNotEqualTo(tokens.refreshJwt());
        assertThat(Jwts.claims(client, newRefresh).getStringClaim("drn")).isEqualTo("DSR");
        Reply reuse = refresh(tokens.refreshJwt());
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.errorCode()).isEqualTo("E064001");
        assertThat(refresh(newRefresh).status()).isEqualTo(200);
    }

    /**
     * With rotation, a refresh JWT and the one it was rotated into are separate tokens: logging out the rotated-away
     * one is refused (it is already revoked) and revokes nothing else, so the rotated one must be logged out itself.
     */
    @Test
    void withRotationLoggingOutTheRotatedAwayRefreshJwtLeavesTheRotatedOneAlive() {
        startWith(TestEmulators.builder().refreshTokenRotation(true));
        EmulatorTokens tokens = emulator.issueSession("alice@example.com");
        String rotated = refresh(tokens.refreshJwt()).json().getString("refreshJwt");
        assertThat(emulator.liveRefreshTokens("alice@example.com")).isEqualTo(1);

        Reply stale = client.post("/v1/auth/logout", client.refresh(tokens.refreshJwt()), null);

        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.errorCode()).isEqualTo("E064001");
        assertThat(emulator.liveRefreshTokens("alice@example.com")).isEqualTo(1);
        assertThat(client.post("/v1/auth/logout", client.refresh(rotated), null).status()).isEqualTo(200);
        assertThat(emulator.liveRefreshTokens("alice@example.com")).isZero();
        assertThat(refresh(rotated).status()).isEqualTo(401);
    }

    @Test
    void logoutRevokesThatRefreshJwtOnlyAndAnswersAnEmptyJwtResponse() {
        EmulatorTokens first = emulator.issueSession("alice@example.com");
        EmulatorTokens second = emulator.issueSession("alice@example.com");

        Reply logout = client.post("/v1/auth/logout", client.refresh(first.refreshJwt()), null);

        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.json().getString("sessionJwt")).isEmpty();
        assertThat(logout.json().getString("refreshJwt")).isEmpty();
        assertThat(logout.json().getString("cookiePath")).isEqualTo("/");
        assertThat(logout.json().getJsonNumber("cookieMaxAge").longValue()).isZero();
        assertThat(refresh(first.refreshJwt()).status()).isEqualTo(401);
        assertThat(refresh(second.refreshJwt()).status()).isEqualTo(200);
    }

    @Test
    void logoutAllRevokesEveryRefreshJwtOfTheUser() {
        emulator.createUser(EmulatorUser.builder("bob@example.com").build());
        EmulatorTokens first = emulator.issueSession("alice@example.com");
        String linkLogin = flows.login("alice@example.com").json().getString("refreshJwt");
        EmulatorTokens bob = emulator.issueSession("bob@example.com");

        Reply logoutAll = client.post("/v1/auth/logoutall", client.refresh(first.refreshJwt()), "{}");

        assertThat(logoutAll.status()).isEqualTo(200);
        assertThat(refresh(first.refreshJwt()).errorCode()).isEqualTo("E064001");
        assertThat(refresh(linkLogin).errorCode()).isEqualTo("E064001");
        assertThat(client.get("/v1/auth/me", client.refresh(linkLogin)).status()).isEqualTo(401);
        assertThat(refresh(bob.refreshJwt()).status()).isEqualTo(200);
    }

    @Test
    void meReturnsTheResponseUser() {
        EmulatorTokens tokens = emulator.issueSession("alice@example.com");

        JsonObject user = client.get("/v1/auth/me", client.refresh(tokens.refreshJwt())).json();

        assertThat(user.getString("name")).isEqualTo("Alice");
        assertThat(user.getString("email")).isEqualTo("alice@example.com");
        assertThat(user.getBoolean("verifiedEmail")).isTrue();
        assertThat(user.getJsonArray("roleNames").getString(0)).isEqualTo("admin");
        JsonObject tenant = user.getJsonArray("userTenants").getJsonObject(0);
        assertThat(tenant.getString("tenantId")).isEqualTo("t1");
        assertThat(tenant.getString("tenantName")).isEqualTo("Tenant One");
        assertThat(user.getJsonObject("customAttributes").getString("plan")).isEqualTo("gold");
        assertThat(user.getString("status")).isEqualTo("enabled");
        assertThat(user.getJsonNumber("createdTime").longValue()).isPositive();
    }

    @Test
    void aSessionJwtIsNotAcceptedAsARefreshJwt() {
        EmulatorTokens tokens = emulator.issueSession("alice@example.com");

        Reply reply = refresh(tokens.sessionJwt());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("E061004");
    }

    @Test
    void anExpiredRefreshJwtIsRejected() {
        EmulatorTokens tokens = emulator.issueSession("alice@example.com");

        emulator.advanceClock(Duration.ofDays(30).plusSeconds(1));

        assertThat(refresh(tokens.refreshJwt()).errorCode()).isEqualTo("E061004");
    }

    @Test
    void aRefreshJwtSignedByAnUnpublishedKeyIsRejected() throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).keyID(emulator.signingKey().getKeyID()).generate();
        String forged = refreshToken(foreign, TestEmulators.PROJECT_ID);

        assertThat(refresh(forged).errorCode()).isEqualTo("E061004");
    }

    @Test
    void aCraftedRefreshJwtSignedWithTheSigningKeyIsAccepted() throws Exception {
        String crafted = refreshToken(emulator.signingKey(), TestEmulators.PROJECT_ID);

        assertThat(refresh(crafted).status()).isEqualTo(200);
    }

    @Test
    void aRefreshJwtOfAnotherProjectIsRejected() throws Exception {
        String otherIssuer = refreshToken(emulator.signingKey(), "P2otherProjectZZZZZZZZZZZZZZZ");

        assertThat(refresh(otherIssuer).errorCode()).isEqualTo("E061004");
    }

    @Test
    void garbageInPlaceOfARefreshJwtIsRejected() {
        assertThat(refresh("not.a.jwt").errorCode()).isEqualTo("E061004");
        assertThat(client.post("/v1/auth/refresh", client.project(), null).errorCode()).isEqualTo("E061004");
    }

    private String refreshToken(RSAKey key, String issuer) throws Exception {
        String userId = client.get("/v1/auth/me",
                client.refresh(emulator.issueSession("alice@example.com").refreshJwt())).json().getString("userId");
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(userId).jwtID("crafted-jti")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("drn", "DSR").claim("amr", List.of("email")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
