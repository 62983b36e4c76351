package dev.coffeeshop.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

class KafkaCredentialsTests {

    @Test
    void everyOwnClientAuthenticatesAsTheServiceUserOfTheEnvironment() {
        // given
        var environment = new MockEnvironment()
                .withProperty("KAFKA_USERNAME", "barista-worker")
                .withProperty("KAFKA_PASSWORD", "s3cret")
                .withProperty("spring.kafka.bootstrap-servers", "kafka:9092");

        // when
        new KafkaCredentials().postProcessEnvironment(environment, new SpringApplication());
        var config = KafkaBrokers.clientConfig(Binder.get(environment), null);

        // then
        assertThat(config)
                .containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required "
                                + "username=\"barista-worker\" password=\"s3cret\";");
    }

    @Test
    void withoutAUserTheClientsDoNotAuthenticate() {
        // given
        var environment = new MockEnvironment();

        // when
        new KafkaCredentials().postProcessEnvironment(environment, new SpringApplication());

        // then
        assertThat(KafkaBrokers.clientConfig(Binder.get(environment), null))
                .doesNotContainKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
    }

    @Test
    void explicitSpringKafkaSettingsWinOverTheEnvironmentsUser() {
        // given
        var environment = new MockEnvironment()
                .withProperty("KAFKA_USERNAME", "order-intake")
                .withProperty("KAFKA_PASSWORD", "s3cret")
                .withProperty("spring.kafka.security.protocol", "SASL_SSL");

        // when
        new KafkaCredentials().postProcessEnvironment(environment, new SpringApplication());

        // then
        assertThat(KafkaBrokers.clientConfig(Binder.get(environment), null))
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void trustsTheGivenCertificatesOnATlsListener() {
        // given / when
        var settings = KafkaCredentials.settings("order-intake", "s3cret", "SASL_SSL", "/etc/kafka-ca/ca.crt");

        // then
        assertThat(settings)
                .containsEntry("spring.kafka.security.protocol", "SASL_SSL")
                .containsEntry("spring.kafka.properties.ssl.truststore.type", "PEM")
                .containsEntry("spring.kafka.properties.ssl.truststore.location", "/etc/kafka-ca/ca.crt");
    }

    @Test
    void escapesQuotesInThePassword() {
        // given / when
        String jaas = KafkaCredentials.jaasConfig("order-intake", "a\"b\\c");

        // then
        assertThat(jaas).endsWith("password=\"a\\\"b\\\\c\";");
    }

    @Test
    void refusesAUserWithoutAPassword() {
        // given / when / then
        assertThatThrownBy(() -> KafkaCredentials.settings("order-intake", "", null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KAFKA_PASSWORD");
    }
}
