package dev.coffeeshop.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.testsupport.TestInfrastructure;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The inbox's schema ({@code classpath:db/inbox}) beside a service's own migrations ({@code db/inbox-legacy}: a V1
 * that creates {@code processed_events} without a default for {@code processed_at}, as notification-service's did,
 * then V2 and V3).
 */
class InboxMigrationTests {

    static final String SERVICE = "classpath:db/inbox-legacy";
    static final String INBOX = "classpath:db/inbox";

    final TestInfrastructure.Database db = TestInfrastructure.newDatabase("inbox_migrations");
    final JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.username(), db.password()));

    @Test
    void joinsADatabaseAlreadyPastItsServicesVersionedMigrations() {
        // given a live database at V3, with an event in its processed_events
        migrate(SERVICE);
        UUID event = UUID.randomUUID();
        jdbc.sql("INSERT INTO processed_events (event_id, processed_at) VALUES (?, now())")
                .param(event)
                .update();

        // when the service adds the inbox's location
        MigrateResult added = migrate(SERVICE, INBOX);
        MigrateResult again = migrate(SERVICE, INBOX);

        // then
        assertThat(added.success).isTrue();
        assertThat(added.migrationsExecuted).isOne();
        assertThat(again.migrationsExecuted).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ?")
                        .param(event)
                        .query(Long.class)
                        .single())
                .isOne();
        assertTheInboxSchema();
    }

    @Test
    void setsUpAFreshDatabaseWhoseServiceCreatesTheTableItself() {
        // when
        MigrateResult result = migrate(SERVICE, INBOX);

        // then
        assertThat(result.migrationsExecuted).isEqualTo(4);
        assertTheInboxSchema();
    }

    @Test
    void createsTheTableForAServiceThatHasNone() {
        // when
        migrate(INBOX);

        // then
        assertTheInboxSchema();
    }

    private MigrateResult migrate(String... locations) {
        return Flyway.configure()
                .dataSource(db.url(), db.username(), db.password())
                .locations(locations)
                .load()
                .migrate();
    }

    /** Rows take the time they are written by default, and the pruner finds them by that time through an index. */
    private void assertTheInboxSchema() {
        UUID event = UUID.randomUUID();
        jdbc.sql("INSERT INTO processed_events (event_id) VALUES (?)")
                .param(event)
                .update();
        assertThat(jdbc.sql(
                                "SELECT processed_at > now() - interval '1 minute' FROM processed_events WHERE event_id = ?")
                        .param(event)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'processed_events_processed_at'")
                        .query(String.class)
                        .single())
                .contains("(processed_at)");
    }
}
