package dev.coffeeshop.notification.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.coffeeshop.messaging.staff.LedgerPage;
import dev.coffeeshop.testsupport.TestIssuer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(StaffDeliveriesController.class)
class StaffDeliveriesControllerTests {

    static final String STAFF = "Bearer " + TestIssuer.shared().staffToken();

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    DeliveryLedger ledger;

    @Test
    void answersAPageOfDeliveriesAndTheCursorToTheNext() {
        // given
        UUID order = UUID.randomUUID();
        Instant since = Instant.parse("2026-11-23T10:00:00Z");
        given(ledger.deliveredSince(argThat(
                        q -> q.since().equals(since) && q.after().orElse("").equals("16") && q.limit() == 2)))
                .willReturn(new LedgerPage<>(
                        List.of(
                                new DeliveryLedger.Delivery(
                                        order, NotificationKind.RECEIVED, "log", since.plusMillis(40), 17),
                                new DeliveryLedger.Delivery(
                                        order, NotificationKind.READY_FOR_PICKUP, "log", since.plusSeconds(3), 18)),
                        "18"));

        // when
        var response = mvc.get()
                .uri("/staff/ledgers/deliveries?since=2026-11-23T10:00:00Z&after=16&limit=2")
                .header("Authorization", STAFF)
                .exchange();

        // then
        assertThat(response).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        assertThat(response)
                .bodyJson()
                .extractingPath("$.entries[*].kind")
                .asArray()
                .containsExactly("RECEIVED", "READY_FOR_PICKUP");
        assertThat(response).bodyJson().extractingPath("$.entries[0].orderId").isEqualTo(order.toString());
        assertThat(response).bodyJson().extractingPath("$.entries[0].channel").isEqualTo("log");
        assertThat(response)
                .bodyJson()
                .extractingPath("$.entries[1].deliveredAt")
                .isEqualTo("2026-11-23T10:00:03Z");
        assertThat(response).bodyJson().extractingPath("$.next").isEqualTo("18");
    }

    @Test
    void answersAQueryItCannotReadWithAProblemNamingEachParameter() {
        // when
        var response = mvc.get()
                .uri("/staff/ledgers/deliveries?since=yesterday&limit=100000")
                .header("Authorization", STAFF)
                .exchange();

        // then
        assertThat(response).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response).bodyJson().extractingPath("$.type").asString().endsWith("/invalid-request");
        assertThat(response)
                .bodyJson()
                .extractingPath("$.errors[*].field")
                .asArray()
                .containsExactly("since", "limit");
        verifyNoInteractions(ledger);
    }

    @Test
    void showsTheLedgerOnlyToStaff() {
        // when
        var response = mvc.get()
                .uri("/staff/ledgers/deliveries?since=2026-11-23T10:00:00Z")
                .exchange();

        // then
        assertThat(response).hasStatus(HttpStatus.UNAUTHORIZED);
        verifyNoInteractions(ledger);
    }
}
