package dev.coffeeshop.messaging.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LedgerQueryTests {

    @Test
    void readsTheInstantTheCursorAndTheLimit() {
        // when
        var query = LedgerQuery.of("2026-11-23T10:00:00.123Z", "41", "500");

        // then
        assertThat(query.since()).isEqualTo(Instant.parse("2026-11-23T10:00:00.123Z"));
        assertThat(query.after()).contains("41");
        assertThat(query.afterSequence()).isEqualTo(OptionalLong.of(41));
        assertThat(query.limit()).isEqualTo(500);
    }

    @Test
    void startsAtTheFirstPageWithTheDefaultLimit() {
        // when
        var query = LedgerQuery.of("2026-11-23T10:00:00Z", null, null);

        // then
        assertThat(query.after()).isEmpty();
        assertThat(query.afterSequence()).isEmpty();
        assertThat(query.limit()).isEqualTo(LedgerQuery.DEFAULT_LIMIT);
    }

    @Test
    void namesEveryParameterThatIsMissingOrMalformed() {
        // when / then
        assertThatThrownBy(() -> LedgerQuery.of(null, " ", "1001"))
                .isInstanceOfSatisfying(InvalidLedgerQuery.class, invalid -> {
                    assertThat(invalid.errors())
                            .extracting(e -> e.get("field"))
                            .containsExactly("since", "limit", "after");
                    var problem = invalid.problem();
                    assertThat(problem.getStatus()).isEqualTo(400);
                    assertThat(problem.getType()).hasToString("https://coffeeshop.dev/problems/invalid-request");
                    assertThat(problem.getProperties()).containsKey("errors");
                });
    }

    @Test
    void refusesAnInstantWithoutAZoneALimitOfZeroAndALimitThatIsNoNumber() {
        assertThat(List.of(
                        Map.entry("2026-11-23T10:00:00", "10"),
                        Map.entry("2026-11-23T10:00:00Z", "0"),
                        Map.entry("2026-11-23T10:00:00Z", "ten")))
                .allSatisfy(parameters -> assertThatThrownBy(
                                () -> LedgerQuery.of(parameters.getKey(), null, parameters.getValue()))
                        .isInstanceOf(InvalidLedgerQuery.class));
    }

    @Test
    void refusesACursorThatNoSequenceHandedOut() {
        // given
        var query = LedgerQuery.of("2026-11-23T10:00:00Z", "page-2", null);

        // when / then
        assertThatThrownBy(query::afterSequence)
                .isInstanceOfSatisfying(InvalidLedgerQuery.class, invalid -> assertThat(invalid.errors())
                        .singleElement()
                        .satisfies(e -> assertThat(e).containsEntry("field", "after")));
    }

    @Test
    void pointsToTheNextPageOnlyWhenMoreWasReadThanALimitHolds() {
        // when
        var full = LedgerPage.of(List.of(1, 2, 3), 2, String::valueOf);
        var last = LedgerPage.of(List.of(1, 2), 2, String::valueOf);

        // then
        assertThat(full.entries()).containsExactly(1, 2);
        assertThat(full.next()).isEqualTo("2");
        assertThat(last.entries()).containsExactly(1, 2);
        assertThat(last.next()).isNull();
    }
}
