package dev.coffeeshop.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.AnnotatedGenericBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test context at real infrastructure; see {@link RealInfrastructure}.
 *
 * <p>Embedded (the default): properties, {@code KAFKA_BOOTSTRAP_SERVERS} and {@code spring.datasource.*}, which the
 * services' configuration reads, and the context's Kafka credentials: a service's own principal, any other
 * application's the tools principal ({@link TestInfrastructure#kafkaPrincipalOf}). Containers: no property at all; Spring Boot's connection details instead, which
 * replace the ones Boot would make from those properties. Kafka is the JVM's one container as a
 * {@code @ServiceConnection} ({@link KafkaContainerConnection}), PostgreSQL a database of this context's own in the
 * JVM's one PostgreSQL container as {@link JdbcConnectionDetails}.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The name of the context's {@link JdbcConnectionDetails} in containers mode. */
    public static final String DATABASE_BEAN = "realInfrastructureDatabase";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String name = context.getEnvironment().getProperty("spring.application.name", "test");
        TestInfrastructure.Database db = TestInfrastructure.newDatabase(name);
        if (TestInfrastructure.usesContainers()
                && context.getBeanFactory() instanceof BeanDefinitionRegistry registry) {
            if (TestInfrastructure.usesExternalKafka()) {
                addProperties(context, Map.of("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers()));
            } else {
                registry.registerBeanDefinition(
                        KafkaContainerConnection.class.getName(),
                        new AnnotatedGenericBeanDefinition(KafkaContainerConnection.class));
            }
            registry.registerBeanDefinition(
                    DATABASE_BEAN,
                    new RootBeanDefinition(JdbcConnectionDetails.class, () -> new DatabaseConnectionDetails(db)));
            return;
        }
        var properties = new HashMap<String, Object>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers(),
                "spring.datasource.url", db.url(),
                "spring.datasource.username", db.username(),
                "spring.datasource.password", db.password()));
        properties.putAll(kafkaCredentials(name));
        addProperties(context, properties);
    }

    /**
     * The application's Kafka principal on the embedded broker, as Spring Boot's {@code spring.kafka.*} settings that
     * every client of a service reads (as {@code KAFKA_USERNAME} and {@code KAFKA_PASSWORD} become in a service): a
     * service's tests run as the service, within its ACLs.
     */
    static Map<String, Object> kafkaCredentials(String applicationName) {
        var settings = new HashMap<String, Object>();
        TestInfrastructure.kafkaClientSettings(TestInfrastructure.kafkaPrincipalOf(applicationName))
                .forEach((name, value) -> settings.put(
                        name.equals("security.protocol")
                                ? "spring.kafka.security.protocol"
                                : "spring.kafka.properties." + name,
                        value));
        return settings;
    }

    private static void addProperties(ConfigurableApplicationContext context, Map<String, Object> properties) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realInfrastructure", properties));
    }

    /** A database of the context's own in the shared PostgreSQL container. */
    record DatabaseConnectionDetails(TestInfrastructure.Database database) implements JdbcConnectionDetails {

        @Override
        public String getUsername() {
            return database.username();
        }

        @Override
        public String getPassword() {
            return database.password();
        }

        @Override
        public String getJdbcUrl() {
            return database.url();
        }
    }
}
