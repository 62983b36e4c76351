package dev.coffeeshop.local.attack;

import dev.coffeeshop.events.KafkaAccess;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.local.stack.KafkaSecurity;
import dev.coffeeshop.local.stack.StackFile;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker's side of the attack suite: a stranger without credentials, a guessed password, and each service acting
 * as if it had been taken over, trying what its ACLs ({@link KafkaAccess}) must refuse. Each attack ends in one
 * outcome named by the exception Kafka's client gave (or {@code no metadata} when the broker never answered), which
 * {@link AttackSuite} compares with the one expected.
 */
final class KafkaAttacks {

    /** The outcome of an attack that Kafka allowed: the suite's failure. */
    static final String ALLOWED = "allowed";

    /** The outcome when the client never got an answer it could use: an unauthenticated client's. */
    static final String NO_METADATA = "no metadata";

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final StackFile.KafkaLogins logins;

    KafkaAttacks(StackFile.KafkaLogins logins) {
        this.logins = logins;
    }

    /** A record sent on {@code topic} by a client without credentials, as from any process that reaches the port. */
    String sendWithoutCredentials(String topic) {
        var settings = new HashMap<String, Object>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        return send(settings, topic, "{\"type\":\"OrderPlaced\"}");
    }

    /** A record sent on {@code topic} by {@code principal} with a guessed password. */
    String sendWithGuessedPassword(String principal, String topic) {
        return send(KafkaSecurity.clientSettings(principal, "guess"), topic, "{\"type\":\"OrderPlaced\"}");
    }

    /** A record sent on {@code topic} by {@code principal}, with its own password. */
    String sendAs(String principal, String topic, String value) {
        return send(KafkaSecurity.clientSettings(principal, password(principal)), topic, value);
    }

    /** A poll of {@code topic} by {@code principal} in consumer group {@code group}. */
    String readAs(String principal, String topic, String group) {
        var settings = new HashMap<String, Object>(KafkaSecurity.clientSettings(principal, password(principal)));
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, logins.bootstrapServers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return outcome(() -> {
            try (var consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                long until = System.nanoTime() + WAIT.toNanos();
                while (System.nanoTime() < until) {
                    // the refusal comes with the poll that joins the group or fetches the topic
                    consumer.poll(Duration.ofMillis(500));
                    if (!consumer.assignment().isEmpty()) {
                        return ALLOWED;
                    }
                }
                return NO_METADATA;
            }
        });
    }

    /** A poll of {@code topic}'s partition 0 by {@code principal}, assigned without a group. */
    String readWithoutGroupAs(String principal, String topic) {
        var settings = new HashMap<String, Object>(KafkaSecurity.clientSettings(principal, password(principal)));
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, logins.bootstrapServers());
        return outcome(() -> {
            try (var consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
                consumer.assign(List.of(new TopicPartition(topic, 0)));
                consumer.seekToBeginning(consumer.assignment());
                consumer.poll(WAIT);
                return ALLOWED;
            }
        });
    }

    /** A new topic asked for by {@code principal}. */
    String createTopicAs(String principal, String topic) {
        var settings = new HashMap<String, Object>(KafkaSecurity.clientSettings(principal, password(principal)));
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, logins.bootstrapServers());
        return outcome(() -> {
            try (var admin = Admin.create(settings)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                        .all()
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                return ALLOWED;
            }
        });
    }

    boolean knows(String principal) {
        return logins.passwords().containsKey(principal);
    }

    private String password(String principal) {
        String password = logins.passwords().get(principal);
        if (password == null) {
            throw new IllegalStateException("the stack file has no Kafka password for " + principal);
        }
        return password;
    }

    private String send(Map<String, Object> security, String topic, String value) {
        var settings = new HashMap<String, Object>(security);
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, logins.bootstrapServers());
        settings.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis());
        // the delivery timeout must cover the request timeout and the linger
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis() / 2);
        return outcome(() -> {
            try (var producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "forged", value)).get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
                return ALLOWED;
            }
        });
    }

    /** What became of an attempt: {@link #ALLOWED}, or the Kafka exception that refused it, by its simple name. */
    private static String outcome(Callable<String> attempt) {
        try {
            return attempt.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof AuthorizationException || cause instanceof SaslAuthenticationException) {
                    return cause.getClass().getSimpleName();
                }
                if (cause instanceof org.apache.kafka.common.errors.TimeoutException
                        || cause instanceof java.util.concurrent.TimeoutException) {
                    return NO_METADATA;
                }
            }
            return e.getClass().getSimpleName() + " (" + e.getMessage() + ")";
        }
    }

    /** A name no topic has, for the attempt to create one. */
    static String strangeTopic() {
        return Topics.ORDERS + ".attack-" + Long.toHexString(System.nanoTime());
    }
}
