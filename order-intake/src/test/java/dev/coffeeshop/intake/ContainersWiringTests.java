package dev.coffeeshop.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.Topics;
import dev.coffeeshop.messaging.access.Scopes;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.RealInfrastructureInitializer;
import dev.coffeeshop.testsupport.TestInfrastructure;
import dev.coffeeshop.testsupport.TestIssuer;
import dev.coffeeshop.testsupport.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code COFFEESHOP_TEST_INFRASTRUCTURE=containers} the service reaches Kafka and PostgreSQL through the
 * containers' connection details and through nothing else: Kafka's are the {@code @ServiceConnection} of the Kafka
 * container, and every client the service has (the binder's consumers, the outbox's producer) connects to the
 * container's mapped port; its DataSource is a database of this context's own in the PostgreSQL container. Skipped in
 * the embedded mode; {@code deploy/images/containers-tests} fails if it did not run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@EnabledIf("dev.coffeeshop.testsupport.TestInfrastructure#usesContainers")
class ContainersWiringTests {

    @Autowired
    ConfigurableListableBeanFactory beans;

    @Autowired
    Environment environment;

    @Autowired
    DataSource dataSource;

    @LocalServerPort
    int port;

    final String container = TestInfrastructure.kafkaContainer().getBootstrapServers();

    @Test
    void kafkasConnectionDetailsAreTheContainersServiceConnection() {
        // when
        String[] names = beans.getBeanNamesForType(KafkaConnectionDetails.class);

        // then
        assertThat(names).hasSize(1);
        assertThat(beans.getMergedBeanDefinition(names[0]).getAttribute(ServiceConnection.class.getName()))
                .isEqualTo(true);
        assertThat(beans.getBean(KafkaConnectionDetails.class).getBootstrapServers())
                .containsExactly(container);
    }

    @Test
    void noPropertyNamesTheContainers() {
        // then the properties the embedded mode sets are not set, and Spring Boot's own are not the containers'
        assertThat(environment.getProperty("KAFKA_BOOTSTRAP_SERVERS")).isNull();
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isNotEqualTo(container);
        assertThat(environment.getProperty("spring.datasource.url")).doesNotContain(":" + mappedPostgresPort() + "/");
    }

    @Test
    void theBindersConsumersJoinedTheirGroupOnTheContainer() throws Exception {
        // when the binder's consumers have joined (they start with the context)
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, container))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("order-intake"))
                        .all()
                        .get(10, TimeUnit.SECONDS)
                        .get("order-intake");

                // then the container's broker has them all: the binding's concurrency is 3
                assertThat(group.members())
                        .hasSize(3)
                        .extracting(MemberDescription::clientId)
                        .allMatch(id -> id.startsWith("consumer-order-intake"));
            });
        }
    }

    @Test
    void theOutboxPublishesToTheContainer() throws Exception {
        // when an order is placed
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
                                .header("Authorization", CUSTOMER)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("""
                                        {"customerName":"Wiring","paymentToken":"tok_approve",
                                         "items":[{"drink":"latte","size":"small","quantity":1,"options":[]}]}"""))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        UUID id = UUID.fromString(
                JsonMapper.builder().build().readTree(response.body()).get("id").asString());

        // then the relay published its OrderPlaced to the container's broker
        try (var kafka = new TestKafka(container)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(kafka.events(Topics.ORDERS, id))
                    .hasSize(1));
        }
    }

    @Test
    void theDataSourceIsADatabaseOfThisContextsOwnInThePostgresContainer() throws Exception {
        // given
        JdbcConnectionDetails details =
                beans.getBean(RealInfrastructureInitializer.DATABASE_BEAN, JdbcConnectionDetails.class);

        // when
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet database = statement.executeQuery("SELECT current_database()")) {
            database.next();

            // then
            assertThat(beans.getBean(JdbcConnectionDetails.class)).isSameAs(details);
            assertThat(connection.getMetaData().getURL())
                    .isEqualTo(details.getJdbcUrl())
                    .contains(":" + mappedPostgresPort() + "/");
            assertThat(details.getJdbcUrl()).endsWith("/" + database.getString(1));
            assertThat(database.getString(1))
                    .startsWith("order_intake_")
                    .isNotEqualTo(TestInfrastructure.postgresContainer().getDatabaseName());
        }
    }

    private static String mappedPostgresPort() {
        return String.valueOf(TestInfrastructure.postgresContainer().getMappedPort(5432));
    }
    /** A customer's token: place, read and cancel orders. */
    static final String CUSTOMER =
            "Bearer " + TestIssuer.shared().token("customer", Scopes.PLACE, Scopes.READ, Scopes.CANCEL);
}
