package dev.coffeeshop.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The identity provider as the services' tests see it: a real HTTP server on a loopback port that publishes its
 * key at {@code /oauth2/jwks}, and the access tokens it would sign, with the same claims (issuer, audience
 * {@code coffeeshop}, subject, scopes, {@code client_id}, {@code name}). Also the tokens an attacker would try: expired,
 * signed with a key nobody published, for another audience or issuer, unsigned, or signed with the public key as an
 * HMAC secret.
 *
 * <p>One per test JVM ({@link #shared()}), started on first use; {@link TrustTestIssuer} points every Spring Boot
 * application of the test JVM at it ({@value #ISSUER_PROPERTY}). Its tokens live an hour, longer than any test class.
 */
public final class TestIssuer {

    /** The services' setting for the issuer they trust. */
    public static final String ISSUER_PROPERTY = "coffeeshop.security.issuer";

    /** The environment variable a service process reads it from. */
    public static final String ISSUER_ENVIRONMENT = "COFFEESHOP_SECURITY_ISSUER";

    private static volatile TestIssuer shared;

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey unpublished;
    private final AtomicInteger keyRequests = new AtomicInteger();

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyIDFromThumbprint(true)
                    .generate();
            unpublished = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(key.getKeyID())
                    .generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/oauth2/jwks", exchange -> {
            keyRequests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, keys.length);
            try (var body = exchange.getResponseBody()) {
                body.write(keys);
            }
        });
        server.start();
    }

    /** The JVM's one issuer, started on first use and stopped with the JVM. */
    public static TestIssuer shared() {
        if (shared == null) {
            synchronized (TestIssuer.class) {
                if (shared == null) {
                    var issuer = new TestIssuer();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> issuer.server.stop(0)));
                    shared = issuer;
                }
            }
        }
        return shared;
    }

    /** The issuer's URL: what a service trusts, and where it reads the keys from. */
    public URI issuer() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** How often the key set was fetched, to see that a service caches it. */
    public int keyRequests() {
        return keyRequests.get();
    }

    /** A good token for {@code subject} with {@code scopes}. */
    public String token(String subject, String... scopes) {
        return claims(subject, scopes).sign();
    }

    /** A good token of the staff's ({@code staff} and {@code orders:read}). */
    public String staffToken() {
        return token("staff-member", "staff", "orders:read");
    }

    /** A token to change before signing, for the cases a test needs. */
    public Claims claims(String subject, String... scopes) {
        Instant now = Instant.now();
        return new Claims(new JWTClaimsSet.Builder()
                .issuer(issuer().toString())
                .audience("coffeeshop")
                .subject(subject)
                .claim("client_id", "tests")
                .claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString()));
    }

    /** The claims of a token before it is signed; each method returns a changed copy. */
    public final class Claims {

        private final JWTClaimsSet.Builder claims;

        private Claims(JWTClaimsSet.Builder claims) {
            this.claims = claims;
        }

        public Claims name(String name) {
            return with("name", name);
        }

        public Claims issuer(String issuer) {
            return new Claims(new JWTClaimsSet.Builder(claims.build()).issuer(issuer));
        }

        public Claims audience(String... audience) {
            return new Claims(new JWTClaimsSet.Builder(claims.build()).audience(List.of(audience)));
        }

        /** A token that expired {@code ago}. */
        public Claims expired(Duration ago) {
            Instant expiry = Instant.now().minus(ago);
            return new Claims(new JWTClaimsSet.Builder(claims.build())
                    .issueTime(Date.from(expiry.minus(Duration.ofMinutes(10))))
                    .notBeforeTime(Date.from(expiry.minus(Duration.ofMinutes(10))))
                    .expirationTime(Date.from(expiry)));
        }

        public Claims with(String claim, Object value) {
            return new Claims(new JWTClaimsSet.Builder(claims.build()).claim(claim, value));
        }

        public Claims without(String claim) {
            return new Claims(new JWTClaimsSet.Builder(claims.build()).claim(claim, null));
        }

        /** Signed with the published key (RS256): a good token, if the claims are. */
        public String sign() {
            return signed(key);
        }

        /** Signed with a key of the same id that was never published. */
        public String signWithUnpublishedKey() {
            return signed(unpublished);
        }

        /** Not signed at all ({@code alg: none}). */
        public String unsigned() {
            return new PlainJWT(claims.build()).serialize();
        }

        /** Signed with HS256, the published public key's bytes as the secret: the algorithm confusion attack. */
        public String signWithPublicKeyAsHmacSecret() {
            try {
                byte[] secret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
                var jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.HS256)
                                .keyID(key.getKeyID())
                                .build(),
                        claims.build());
                jwt.sign(new MACSigner(secret));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private String signed(RSAKey with) {
            try {
                var jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(with.getKeyID())
                                .build(),
                        claims.build());
                jwt.sign(new RSASSASigner(with));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The property that points a service at this issuer, for contexts not made by {@link RealInfrastructure}. */
    public Map<String, Object> properties() {
        return Map.of(ISSUER_PROPERTY, issuer().toString());
    }
}
