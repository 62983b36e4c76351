package dev.coffeeshop.identity;

import dev.coffeeshop.testsupport.SbomChecks;
import java.util.List;

/**
 * The SBOM the build puts into the jar: what {@link SbomChecks} says every service's must say, with the libraries
 * the identity provider talks and signs through (it has no broker and no database).
 */
class SbomTests extends SbomChecks {

    SbomTests() {
        super(
                "identity-provider",
                List.of(
                        List.of("org.springframework.security", "spring-security-oauth2-authorization-server"),
                        List.of("com.nimbusds", "nimbus-jose-jwt"),
                        List.of("org.springframework", "spring-core"),
                        List.of("org.apache.tomcat.embed", "tomcat-embed-core"),
                        List.of("tools.jackson.core", "jackson-databind")),
                false);
    }
}
