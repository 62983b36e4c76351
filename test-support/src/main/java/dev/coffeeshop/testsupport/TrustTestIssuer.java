package dev.coffeeshop.testsupport;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes every Spring Boot application in a test JVM trust {@link TestIssuer#shared()}, unless a test sets
 * {@value TestIssuer#ISSUER_PROPERTY} itself: the services refuse to start without an issuer, and a test of theirs
 * should not have to know that. Registered in {@code META-INF/spring.factories} of this test-only module.
 */
public class TrustTestIssuer implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(TestIssuer.ISSUER_PROPERTY) == null) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            "testIssuer",
                            Map.of(
                                    TestIssuer.ISSUER_PROPERTY,
                                    TestIssuer.shared().issuer().toString())));
        }
    }
}
