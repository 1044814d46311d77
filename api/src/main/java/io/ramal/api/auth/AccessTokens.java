package io.ramal.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and checks access tokens: JWTs signed with HS256 by the {@link TokenSecret}, typed
 * {@code at+jwt} (RFC 9068), carrying {@code iss}, {@code sub} (user id), {@code tenant},
 * {@code preferred_username}, {@code roles}, {@code ext} (extension, if any), {@code client_id},
 * {@code jti}, {@code iat} and {@code exp}. Stateless: a token is good until it expires; the
 * {@link BearerVerifier} adds the check that its user still exists and is enabled.
 */
public final class AccessTokens {

    static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final String issuer;
    private final Duration lifetime;

    public AccessTokens(TokenSecret secret, String issuer, Duration lifetime) {
        try {
            byte[] key = secret.bytes();
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable token secret", e);
        }
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.lifetime = LockoutPolicy.requirePositive(lifetime, "lifetime");
    }

    /** A signed token. */
    public record Issued(String token, AccessClaims claims) {
        public Issued {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(claims, "claims");
        }

        @Override
        public String toString() {
            return "Issued[token=***, claims=" + claims + "]";
        }
    }

    /** The outcome of {@link #check}. */
    public sealed interface Check {
        record Valid(AccessClaims claims) implements Check {}

        /** Well signed, but past its {@code exp}. */
        record Expired(Instant expiredAt) implements Check {}

        /** Not a token of ours: malformed, another algorithm, a bad signature or missing claims. */
        record Invalid(String reason) implements Check {}
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Signs a token for the user, valid from {@code now} for the configured lifetime. */
    public Issued issue(
            String tenantId, String userId, String username, Set<Role> roles, Optional<String> extension,
            String clientId, Instant now) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        AccessClaims claims = new AccessClaims(tenantId, userId, username, roles, extension, clientId,
                UUID.randomUUID().toString(), issuedAt, issuedAt.plus(lifetime));
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(userId)
                .claim("tenant", tenantId)
                .claim("preferred_username", username)
                .claim("roles", Roles.wireNames(roles).stream().sorted().toList())
                .claim("client_id", clientId)
                .jwtID(claims.tokenId())
                .issueTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.expiresAt()));
        extension.ifPresent(number -> builder.claim("ext", number));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), builder.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return new Issued(jwt.serialize(), claims);
    }

    /** Checks signature, algorithm, type, issuer and expiry at {@code now}. */
    public Check check(String token, Instant now) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return new Check.Invalid("not a JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !TYPE.equals(jwt.getHeader().getType())) {
            return new Check.Invalid("unexpected token algorithm or type");
        }
        try {
            if (!jwt.verify(verifier)) {
                return new Check.Invalid("bad signature");
            }
        } catch (JOSEException e) {
            return new Check.Invalid("bad signature");
        }
        try {
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            Date exp = set.getExpirationTime();
            Date iat = set.getIssueTime();
            String tenant = set.getStringClaim("tenant");
            String username = set.getStringClaim("preferred_username");
            List<String> roles = set.getStringListClaim("roles");
            String clientId = set.getStringClaim("client_id");
            if (!issuer.equals(set.getIssuer()) || set.getSubject() == null || tenant == null || username == null
                    || roles == null || clientId == null || set.getJWTID() == null || exp == null || iat == null) {
                return new Check.Invalid("missing or foreign claims");
            }
            Instant expiresAt = exp.toInstant();
            if (!now.isBefore(expiresAt)) {
                return new Check.Expired(expiresAt);
            }
            return new Check.Valid(new AccessClaims(tenant, set.getSubject(), username, Roles.fromWireNames(roles),
                    Optional.ofNullable(set.getStringClaim("ext")), clientId, set.getJWTID(), iat.toInstant(),
                    expiresAt));
        } catch (ParseException e) {
            return new Check.Invalid("malformed claims");
        }
    }
}
