package dev.coffeeshop.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaCommandTests {

    @Test
    void leavesOutOptionsAnOlderJdkWouldRefuse() {
        // given
        int jdk21 = 21;

        // when / then
        assertThat(JavaCommand.quietOptions(jdk21))
                .contains("--enable-native-access=ALL-UNNAMED")
                .doesNotContain("--sun-misc-unsafe-memory-access=allow");
    }

    @Test
    void silencesUnsafeWarningsOnNewerJdks() {
        // given
        int jdk25 = 25;

        // when / then
        assertThat(JavaCommand.quietOptions(jdk25)).contains("--sun-misc-unsafe-memory-access=allow");
    }
}
