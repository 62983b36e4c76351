package dev.coffeeshop.notification.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoardChangeTests {

    @Test
    void showsOnlyTheFirstWordOfTheNameOnTheCup() {
        assertThat(BoardChange.shown("Ada Lovelace")).isEqualTo("Ada");
        assertThat(BoardChange.shown("  Bo \t Diddley ")).isEqualTo("Bo");
        assertThat(BoardChange.shown("Cy")).isEqualTo("Cy");
    }

    @Test
    void cutsALongNameWithoutBreakingACharacter() {
        assertThat(BoardChange.shown("Bartholomew-Maximilian-Fitzgerald")).isEqualTo("Bartholomew-Maximili");
        assertThat(BoardChange.shown("☕".repeat(19) + "😀😀")).isEqualTo("☕".repeat(19) + "😀");
    }

    @Test
    void showsNoNameForABlankOne() {
        assertThat(BoardChange.shown("   ")).isNull();
        assertThat(BoardChange.shown(null)).isNull();
    }
}
