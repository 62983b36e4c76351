package dev.coffeeshop.local.chaos;

import dev.coffeeshop.local.stack.Service;
import dev.coffeeshop.local.stack.Signals;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The faults of the suite (ids from the reliability catalogue). Each one runs under a steady order load: it injects
 * its fault, lets it last, heals it, and may add expectations of its own to the invariants every scenario is judged
 * by.
 */
enum Scenario {
    BROKER_KILL("broker-kill", "F1", true) {
        @Override
        void run(Fault f) {
            int leader = f.cluster.leaderOf(ORDERS, 0);
            f.cluster.kill(leader);
            f.injected("kill -9 kafka-" + leader + ", leader of " + ORDERS + "-0");
            Fault.hold(Duration.ofSeconds(30));
            f.cluster.restart(leader);
            f.healed("kafka-" + leader + " restarted");
            f.cluster.awaitAllBrokers(Duration.ofSeconds(60));
        }
    },

    ALL_BROKERS_DOWN("all-brokers-down", "F2", false) {
        @Override
        void run(Fault f) {
            var outage = Duration.ofSeconds(30);
            f.cluster.nodeIds().forEach(f.cluster::kill);
            f.injected("kill -9 every broker");
            var relayRetrying =
                    f.watch(outage, () -> f.readiness(Service.ORDER_INTAKE).contains("\"relay\":\"retrying\""));
            Fault.hold(outage);
            f.cluster.nodeIds().forEach(f.cluster::restart);
            f.healed("every broker restarted");
            f.check("intake readiness reported the relay retrying during the outage", relayRetrying.get());
            f.cluster.awaitAllBrokers(Duration.ofSeconds(90));
        }

        @Override
        void verify(Fault f, List<LoadDriver.Request> requests, Verdict verdict, Ledgers.Snapshot ledgers) {
            long accepted = answeredDuringFault(f, requests, 202);
            long refused = requests.stream()
                    .flatMap(r -> r.attempts().stream())
                    .filter(a -> during(f, a.answered()) && a.status() != 202 && a.status() != 402)
                    .count();
            f.note("answers during the outage: " + accepted + " accepted (202), " + refused + " other");
            f.check("intake kept answering 202 while every broker was down", accepted > 0 && refused == 0);
        }
    },

    BROKER_PAUSE("broker-pause", "F3", false) {
        @Override
        void run(Fault f) {
            int leader = f.cluster.leaderOf(ORDERS, 0);
            f.cluster.pause(leader);
            f.injected("kill -STOP kafka-" + leader + ", leader of " + ORDERS + "-0");
            Fault.hold(Duration.ofSeconds(20));
            f.cluster.resume(leader);
            f.healed("kill -CONT kafka-" + leader);
            f.cluster.awaitAllBrokers(Duration.ofSeconds(60));
        }
    },

    WORKER_CRASH("worker-crash", "F5", true) {
        @Override
        void run(Fault f) {
            f.crashAtFaultPoint(
                    Service.BARISTA_WORKER,
                    "COFFEESHOP_BARISTA_HALT_AFTER_HANDOVER",
                    "right after its next handover, before the offset commit",
                    () -> {
                        // nobody consumes for the group now: these are the records the restarted barista gets again
                        haltedAt = Instant.now();
                        uncommittedFrom = f.kafka.committedOffsets(BARISTAS, ORDERS);
                        uncommittedTo = f.kafka.endOffsets(ORDERS);
                    });
        }

        private Instant haltedAt;
        private Map<TopicPartition, Long> uncommittedFrom;
        private Map<TopicPartition, Long> uncommittedTo;

        /**
         * The barista halts right after the handover of an order commits (with the order's event id marked processed,
         * in the same transaction) and before the offset of its {@code OrderPlaced} is committed. So that record, and
         * any other handed-over one whose offset was not committed yet, is delivered again to the restarted barista,
         * which must recognise each as handled ({@code coffeeshop.orders.duplicates}, counted in its own JVM) and not
         * make it again. Which orders those are is read from the orders topic, from the offsets the group had
         * committed at the halt, and from the handover ledger: handed over before the halt.
         */
        @Override
        void verify(Fault f, List<LoadDriver.Request> requests, Verdict verdict, Ledgers.Snapshot ledgers) {
            if (haltedAt == null) {
                return;
            }
            List<KafkaProbe.Published> redelivered = f.kafka.read(uncommittedFrom, uncommittedTo).stream()
                    .filter(r -> ORDER_PLACED.equals(r.type()) && r.subject() != null)
                    .filter(r -> ledgers.handoverTimes(UUID.fromString(r.subject())).stream()
                            .anyMatch(at -> at.isBefore(haltedAt)))
                    .toList();
            Set<UUID> orders = orders(redelivered);
            f.note("OrderPlaced handed over by the halted barista but not committed: " + redelivered.size()
                    + " (orders " + orders + ")");
            f.check("the barista halted with an order handed over and its offset not committed", !orders.isEmpty());
            double duplicates = f.metric(Service.BARISTA_WORKER, "coffeeshop.orders.duplicates");
            f.note("OrderPlaced recognised as handled by the restarted barista: " + (long) duplicates);
            f.check(
                    "each was delivered again and recognised as handled (coffeeshop.orders.duplicates "
                            + (long) duplicates + " >= " + redelivered.size() + ")",
                    !orders.isEmpty() && duplicates >= redelivered.size());
            absorbed(f, verdict, orders, "each of these orders was made once, and told and charged once");
        }
    },

    POSTGRES_FREEZE("postgres-freeze", "F7", false) {
        @Override
        void run(Fault f) {
            long postmaster = f.stack.postgresPid().orElseThrow(() -> new IllegalStateException("no PostgreSQL"));
            List<Long> pids = Signals.withDescendants(postmaster);
            Signals.send("STOP", pids);
            f.injected("kill -STOP PostgreSQL (" + pids.size() + " processes)");
            Fault.hold(Duration.ofSeconds(10));
            Signals.send("CONT", pids);
            f.healed("kill -CONT PostgreSQL");
        }

        @Override
        void verify(Fault f, List<LoadDriver.Request> requests, Verdict verdict, Ledgers.Snapshot ledgers) {
            // a request answered after the freeze began plus a moment (one already committing may finish) and before
            // it ended can only have been answered without the database
            Instant from = f.injectedAt.plusMillis(500);
            long accepted = requests.stream()
                    .flatMap(r -> r.attempts().stream())
                    .filter(a -> a.status() == 202
                            && a.answered().isAfter(from)
                            && a.answered().isBefore(f.healedAt))
                    .count();
            long unavailable = answeredDuringFault(f, requests, 503);
            f.note("answers while PostgreSQL was frozen: " + accepted + " accepted (202), " + unavailable + " 503");
            f.check("intake answered 503 and never 202 while PostgreSQL was frozen", accepted == 0 && unavailable > 0);
        }
    },

    RELAY_CRASH("relay-crash", "F8", false) {
        @Override
        void run(Fault f) {
            publishedFrom = f.kafka.endOffsets(ORDERS, CANCELLATIONS);
            f.crashAtFaultPoint(
                    Service.ORDER_INTAKE,
                    "COFFEESHOP_OUTBOX_HALT_AFTER_ACKNOWLEDGEMENT",
                    "after the broker acknowledges its next batch, before the rows are deleted");
        }

        private Map<TopicPartition, Long> publishedFrom;

        /**
         * The relay halts after the broker acknowledged a batch and before its rows are deleted, so the restarted
         * relay publishes every record of that batch again, with the same event id, whatever events it held. The
         * intake's topics, read from the fault on, show those twins; the orders they belong to must show every effect
         * once.
         */
        @Override
        void verify(Fault f, List<LoadDriver.Request> requests, Verdict verdict, Ledgers.Snapshot ledgers) {
            Map<String, List<KafkaProbe.Published>> byEventId = new HashMap<>();
            for (KafkaProbe.Published record : f.kafka.read(publishedFrom, f.kafka.endOffsets(ORDERS, CANCELLATIONS))) {
                if (record.eventId() != null) {
                    byEventId
                            .computeIfAbsent(record.eventId(), id -> new ArrayList<>())
                            .add(record);
                }
            }
            List<KafkaProbe.Published> republished = byEventId.values().stream()
                    .filter(copies -> copies.size() > 1)
                    .map(List::getFirst)
                    .toList();
            Map<String, Long> types = new TreeMap<>();
            republished.forEach(r -> types.merge(String.valueOf(r.type()), 1L, Long::sum));
            Set<UUID> orders = orders(republished);
            f.note("events published again with their event id: " + republished.size() + " " + types + ", of "
                    + orders(orders.size()));
            f.check("the relay published events a second time, with the same event ids", !republished.isEmpty());
            absorbed(
                    f,
                    verdict,
                    orders,
                    "the events published again were absorbed: each of their orders had its "
                            + "effects once and as planned");
        }
    },

    POISON("poison", "F14/F15", true) {
        @Override
        void run(Fault f) {
            var records = new ArrayList<ProducerRecord<byte[], byte[]>>();
            records.add(poison("\u0000\u00ffnot json at all".getBytes(StandardCharsets.ISO_8859_1)));
            records.add(poison("""
                    {"eventId":"%s","occurredAt":"2026-11-23T10:00:00Z","customerName":"Nobody","items":[]}""".formatted(UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));
            records.add(poison(null));
            try {
                f.poison.addAll(f.kafka.publish(records));
            } catch (Exception e) {
                throw new IllegalStateException("cannot publish the poison records", e);
            }
            f.injected(records.size() + " poison records on " + ORDERS + " (garbage bytes, no order id, no value)");
            f.healed("nothing to heal");
        }
    };

    static final String ORDERS = "coffeeshop.intake.orders";
    static final String CANCELLATIONS = "coffeeshop.intake.cancellations";
    static final String ORDER_PLACED = "coffeeshop.order.placed.v1";
    static final String BARISTAS = "barista-worker";

    /** Groups that consume the orders topic: each must dead-letter every poison record once. */
    static final List<String> ORDER_CONSUMERS = List.of("barista-worker", "notification-service");

    private final String id;
    private final String fault;
    private final boolean inCi;

    Scenario(String id, String fault, boolean inCi) {
        this.id = id;
        this.fault = fault;
        this.inCi = inCi;
    }

    String id() {
        return id;
    }

    String fault() {
        return fault;
    }

    /** Part of the short subset that runs in CI: the broker kill, the worker crash and a poison record. */
    boolean inCi() {
        return inCi;
    }

    abstract void run(Fault f);

    /**
     * Expectations of this scenario beyond the invariants, judged once every answer is in and the system converged (or
     * gave up), with the verdict and the ledgers it was judged on.
     */
    void verify(Fault f, List<LoadDriver.Request> requests, Verdict verdict, Ledgers.Snapshot ledgers) {}

    static Scenario byId(String id) {
        for (Scenario scenario : values()) {
            if (scenario.id.equals(id) || scenario.fault.equalsIgnoreCase(id)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("no scenario " + id + "; there are: "
                + String.join(
                        ", ",
                        java.util.Arrays.stream(values()).map(Scenario::id).toList()));
    }

    private static String orders(int count) {
        return count + (count == 1 ? " order" : " orders");
    }

    /** The orders the records are about, by their CloudEvents subject. */
    private static Set<UUID> orders(List<KafkaProbe.Published> records) {
        var orders = new TreeSet<UUID>();
        records.stream()
                .map(KafkaProbe.Published::subject)
                .filter(Objects::nonNull)
                .map(UUID::fromString)
                .forEach(orders::add);
        return orders;
    }

    /**
     * Checks that every one of {@code orders} is an acknowledged order of this scenario whose story is complete, with
     * no effect twice and nothing unexpected, noting what is wrong with those that are not.
     */
    private static void absorbed(Fault f, Verdict verdict, Set<UUID> orders, String description) {
        var wrong = new ArrayList<String>();
        for (UUID order : orders) {
            verdict.order(order)
                    .ifPresentOrElse(
                            judged -> {
                                if (!judged.clean()) {
                                    wrong.add(String.join("; ", judged.problems()));
                                }
                            },
                            () -> wrong.add("order " + order + " is not an acknowledged order of this scenario"));
        }
        wrong.forEach(problem -> f.note("not absorbed: " + problem));
        f.check(description + " (" + orders(orders.size()) + ")", !orders.isEmpty() && wrong.isEmpty());
    }

    private static boolean during(Fault f, Instant at) {
        return at.isAfter(f.injectedAt) && at.isBefore(f.healedAt);
    }

    private static long answeredDuringFault(Fault f, List<LoadDriver.Request> requests, int status) {
        return requests.stream()
                .flatMap(r -> r.attempts().stream())
                .filter(a -> a.status() == status && during(f, a.answered()))
                .count();
    }

    /** A record shaped like an OrderPlaced (type header and key) that no consumer can act on. */
    private static ProducerRecord<byte[], byte[]> poison(byte[] value) {
        var record = new ProducerRecord<byte[], byte[]>(
                ORDERS, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), value);
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", "coffeeshop.order.placed.v1");
        header(record, "ce_source", "/fault-injection");
        header(record, "ce_specversion", "1.0");
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
