package dev.coffeeshop.testsupport;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a test context at real infrastructure; see {@link RealInfrastructure}. */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String name = context.getEnvironment().getProperty("spring.application.name", "test");
        TestInfrastructure.Database db = TestInfrastructure.newDatabase(name);
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "realInfrastructure",
                        Map.of(
                                "KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers(),
                                "spring.datasource.url", db.url(),
                                "spring.datasource.username", db.username(),
                                "spring.datasource.password", db.password())));
    }
}
