package dev.coffeeshop.e2e;

import dev.coffeeshop.local.stack.DatabaseConnection;
import dev.coffeeshop.local.stack.Service;
import dev.coffeeshop.local.stack.StackSettings;
import dev.coffeeshop.testsupport.TestInfrastructure;
import java.util.EnumMap;

/**
 * Where an end-to-end test's stack finds Kafka and PostgreSQL. By default the stack starts its own, as
 * {@code ./coffeeshop up} does. With {@code COFFEESHOP_TEST_INFRASTRUCTURE=containers} it uses the test JVM's Kafka
 * container, and for each service a database with a user of its own in the PostgreSQL container, as
 * {@code deploy/postgres/init.sql} gives them in production.
 */
final class TestStacks {

    private TestStacks() {}

    static StackSettings withTestInfrastructure(StackSettings settings) {
        if (!TestInfrastructure.usesContainers()) {
            return settings;
        }
        var databases = new EnumMap<Service, DatabaseConnection>(Service.class);
        for (Service service : Service.values()) {
            TestInfrastructure.Database database = TestInfrastructure.newDatabaseWithItsOwnUser(service.database());
            databases.put(service, new DatabaseConnection(database.url(), database.username(), database.password()));
        }
        return settings.withExternalKafka(TestInfrastructure.kafkaBootstrapServers())
                .withExternalDatabases(databases);
    }
}
