package dev.coffeeshop.barista;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules a barista follows must read, and be tested, without a framework or a broker. */
class DomainCoreTests {

    private static final Path SOURCES = Path.of("src/main/java/dev/coffeeshop/barista");

    private static final List<String> FORBIDDEN = List.of("import org.springframework", "import org.apache.kafka");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "brewing/Recipes.java",
                "brewing/Equipment.java",
                "brewing/InvalidOrderException.java",
                "inventory/Ingredients.java",
                "inventory/Reservation.java"
            })
    void keepsTheDomainCoreFreeOfSpringAndKafka(String file) throws IOException {
        // given
        Path source = SOURCES.resolve(file);

        // when
        List<String> imports = Files.readAllLines(source).stream()
                .filter(line -> line.startsWith("import "))
                .toList();

        // then
        assertThat(imports).noneMatch(line -> FORBIDDEN.stream().anyMatch(line::startsWith));
    }
}
