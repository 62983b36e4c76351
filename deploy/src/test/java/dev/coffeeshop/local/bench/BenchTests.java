package dev.coffeeshop.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.local.stack.StackSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchTests {

    @Test
    void runsTheServicesWithProductionFlagsUnlessTheEnvironmentGivesOthers() {
        // given
        Map<String, String> nothing = Map.of();
        Map<String, String> given = Map.of(Bench.JVM_OPTIONS, "  -XX:+UseSerialGC   -Xmx200m ");

        // when
        List<String> defaults = Bench.jvmOptions(nothing);
        List<String> overridden = Bench.jvmOptions(given);

        // then
        assertThat(defaults).isEqualTo(StackSettings.PRODUCTION_SERVICE_JVM_OPTIONS);
        assertThat(overridden).containsExactly("-XX:+UseSerialGC", "-Xmx200m");
    }

    @Test
    void runsKafkaWithProductionFlagsUnlessTheEnvironmentGivesOthers() {
        // given
        Map<String, String> given = Map.of(Bench.KAFKA_JVM_OPTIONS, "-Xmx1g");

        // when
        List<String> defaults = Bench.kafkaJvmOptions(Map.of());
        List<String> overridden = Bench.kafkaJvmOptions(given);

        // then
        assertThat(defaults).isEqualTo(StackSettings.PRODUCTION_KAFKA_JVM_OPTIONS);
        assertThat(overridden).containsExactly("-Xmx1g");
    }

    @Test
    void makesDrinksAtOnceAndPassesOnTheUsersServiceSettingsButNotTheLaunchersOrTheBenchs() {
        // given
        var environment = Map.of(
                "COFFEESHOP_INTAKE_PAYMENT_LEASE",
                "5s",
                "COFFEESHOP_LAUNCHER_AOT",
                "off",
                "COFFEESHOP_BENCH_JVM_OPTIONS",
                "-Xmx1g",
                "COFFEESHOP_IDENTITY_CLIENTS_TOOLS_SECRET",
                "secret",
                "PATH",
                "/usr/bin");

        // when
        Map<String, String> services = Bench.serviceEnvironment(environment);

        // then
        assertThat(services)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("COFFEESHOP_BARISTA_PREPARATION_TIME", "0", "COFFEESHOP_INTAKE_PAYMENT_LEASE", "5s"));
    }

    @Test
    void startsTheStaircaseAtHalfThePostRateRoundedDownToTensWithinBounds() {
        // when / then
        assertThat(Bench.firstRate(86, 100)).isEqualTo(40);
        assertThat(Bench.firstRate(12, 100)).isEqualTo(10);
        assertThat(Bench.firstRate(900, 100)).isEqualTo(100);
        assertThat(Bench.firstRate(Double.NaN, 100)).isEqualTo(100);
    }

    @Test
    void keepsAheadOfTimeCachesApartPerSetOfFlags() {
        // when
        String one = Bench.fingerprint(List.of("-XX:+UseG1GC", "-Xmx256m"));
        String same = Bench.fingerprint(List.of("-XX:+UseG1GC", "-Xmx256m"));
        String other = Bench.fingerprint(List.of("-XX:+UseParallelGC", "-Xmx256m"));

        // then
        assertThat(one).hasSize(12).isEqualTo(same).isNotEqualTo(other);
    }
}
