package dev.coffeeshop.notification.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import dev.coffeeshop.messaging.access.Scopes;
import dev.coffeeshop.testsupport.TestIssuer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(NotificationsController.class)
class NotificationsControllerTests {

    /** A customer's token, as the pickup counter's page would send it. */
    static final String CUSTOMER = "Bearer " + TestIssuer.shared().token("customer", Scopes.READ);

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Notifications notifications;

    @Test
    void listsWhatTheCustomerWasToldInTheOrderOfTheirStory() {
        // given
        UUID order = UUID.randomUUID();
        Instant placedAt = Instant.parse("2026-11-23T10:00:00.123Z");
        Instant readyAt = Instant.parse("2026-11-23T10:03:00Z");
        given(notifications.of(order))
                .willReturn(List.of(
                        new Notification(
                                order,
                                NotificationKind.RECEIVED,
                                "Ada",
                                "Thanks Ada, we received your order",
                                UUID.randomUUID(),
                                placedAt,
                                placedAt.plusMillis(40)),
                        new Notification(
                                order,
                                NotificationKind.READY_FOR_PICKUP,
                                "Ada",
                                "Ada, your order is ready for pickup!",
                                UUID.randomUUID(),
                                readyAt,
                                readyAt.plusMillis(30))));
        given(notifications.ownerOf(order)).willReturn(Optional.of("customer"));

        // when
        var response = mvc.get()
                .uri("/orders/{id}/notifications", order)
                .header("Authorization", CUSTOMER)
                .exchange();

        // then
        assertThat(response).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        assertThat(response).bodyJson().extractingPath("$.orderId").isEqualTo(order.toString());
        assertThat(response)
                .bodyJson()
                .extractingPath("$.notifications[*].kind")
                .asArray()
                .containsExactly("RECEIVED", "READY_FOR_PICKUP");
        assertThat(response)
                .bodyJson()
                .extractingPath("$.notifications[0].message")
                .isEqualTo("Thanks Ada, we received your order");
        assertThat(response)
                .bodyJson()
                .extractingPath("$.notifications[0].occurredAt")
                .isEqualTo("2026-11-23T10:00:00.123Z");
        assertThat(response)
                .bodyJson()
                .extractingPath("$.notifications[0].createdAt")
                .isEqualTo("2026-11-23T10:00:00.163Z");
    }

    @Test
    void showsAnotherCustomersOrderAsIfItDidNotExistAndEveryOrderToStaff() {
        // given Ada's order with a notification
        UUID order = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        given(notifications.of(order))
                .willReturn(List.of(new Notification(
                        order, NotificationKind.RECEIVED, "Ada", "Thanks Ada", UUID.randomUUID(), at, at)));
        given(notifications.ownerOf(order)).willReturn(Optional.of("ada"));

        // when
        var bo = mvc.get()
                .uri("/orders/{id}/notifications", order)
                .header("Authorization", "Bearer " + TestIssuer.shared().token("bo", Scopes.READ))
                .exchange();
        var staff = mvc.get()
                .uri("/orders/{id}/notifications", order)
                .header("Authorization", "Bearer " + TestIssuer.shared().staffToken())
                .exchange();

        // then
        assertThat(bo).hasStatusOk();
        assertThat(bo).bodyJson().extractingPath("$.notifications").asArray().isEmpty();
        assertThat(staff)
                .bodyJson()
                .extractingPath("$.notifications[*].kind")
                .asArray()
                .containsExactly("RECEIVED");
    }

    @Test
    void answersAnOrderItHasNotHeardOfWithAnEmptyList() {
        // given
        UUID order = UUID.randomUUID();
        given(notifications.of(order)).willReturn(List.of());

        // when
        var response = mvc.get()
                .uri("/orders/{id}/notifications", order)
                .header("Authorization", CUSTOMER)
                .exchange();

        // then
        assertThat(response).hasStatusOk();
        assertThat(response)
                .bodyJson()
                .extractingPath("$.notifications")
                .asArray()
                .isEmpty();
    }

    @Test
    void rejectsAMalformedOrderIdWithAProblem() {
        // when
        var response = mvc.get()
                .uri("/orders/not-an-id/notifications")
                .header("Authorization", CUSTOMER)
                .exchange();

        // then
        assertThat(response).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response).bodyJson().extractingPath("$.status").isEqualTo(400);
        assertThat(response).bodyJson().extractingPath("$.instance").isEqualTo("/orders/not-an-id/notifications");
    }
}
