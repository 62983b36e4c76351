package dev.coffeeshop.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OrderStatusesTests {

    // the load test only talks HTTP, so it reads the intake's statement rather than linking against the service
    private static final Path INTAKE_STATUS =
            Path.of("../order-intake/src/main/java/dev/coffeeshop/intake/ordering/OrderStatus.java");
    private static final Pattern STATUS = Pattern.compile("^\\s+([A-Z_]+)\\(Stage\\.([A-Z]+)\\)", Pattern.MULTILINE);

    @Test
    void countsAsFinalExactlyTheStatusesTheIntakeCallsFinal() throws IOException {
        // given
        String source = Files.readString(INTAKE_STATUS);

        // when
        var statuses = STATUS.matcher(source).results().toList();

        // then
        assertThat(statuses).isNotEmpty();
        for (var status : statuses) {
            assertThat(OrderStatuses.isFinal(status.group(1)))
                    .as(status.group(0).strip())
                    .isEqualTo(status.group(2).equals("FINAL"));
        }
        List<String> known = statuses.stream().map(s -> s.group(1)).toList();
        assertThat(known).containsAll(OrderStatuses.PAYMENT_AT_END.keySet());
    }

    @Test
    void describesEachEndWithEveryPaymentItMayShow() {
        // when
        var endings = OrderStatuses.endings(OrderKind.CANCELLED.ends());

        // then
        assertThat(endings)
                .containsExactlyInAnyOrder(
                        "CANCELLED (payment VOIDED)",
                        "CANCELLED (payment REFUNDED)",
                        "READY (payment AUTHORIZED)",
                        "READY (payment CAPTURED)");
    }
}
