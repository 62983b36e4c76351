package dev.coffeeshop.messaging.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The order and event in the log context: set for a while, then put back as they were. */
class OrderLogContextTests {

    static final String ORDER = "3f2b9c1e-5d4a-4c3b-9a2f-1e0d9c8b7a65";

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void putsBackWhatWasThereWhenAScopeCloses() {
        // given: a request about one order
        try (var request = OrderLogContext.order(ORDER)) {
            // when: a step inside it about an event of another
            try (var step = OrderLogContext.event("other-order", "event-1")) {
                assertThat(MDC.get(OrderLogContext.ORDER_ID)).isEqualTo("other-order");
                assertThat(MDC.get(OrderLogContext.EVENT_ID)).isEqualTo("event-1");
            }

            // then
            assertThat(MDC.get(OrderLogContext.ORDER_ID)).isEqualTo(ORDER);
            assertThat(MDC.get(OrderLogContext.EVENT_ID)).isNull();
        }
        assertThat(MDC.get(OrderLogContext.ORDER_ID)).isNull();
    }

    @Test
    void anUnknownOrderHidesTheOneAroundItInsteadOfBorrowingIt() {
        try (var outer = OrderLogContext.order(ORDER);
                var inner = OrderLogContext.event(null, null)) {
            assertThat(MDC.get(OrderLogContext.ORDER_ID)).isNull();
        }
    }

    @Test
    void runsWorkAboutAnOrder() {
        // when
        String seen = OrderLogContext.about(ORDER, () -> MDC.get(OrderLogContext.ORDER_ID));

        // then
        assertThat(seen).isEqualTo(ORDER);
        assertThat(MDC.get(OrderLogContext.ORDER_ID)).isNull();
    }

    @Test
    void findsTheOrderARequestIsAbout() {
        assertThat(OrderIdFromPath.orderId("/orders/" + ORDER)).isEqualTo(ORDER);
        assertThat(OrderIdFromPath.orderId("/orders/" + ORDER.toUpperCase() + "/cancel"))
                .isEqualTo(ORDER);
        assertThat(OrderIdFromPath.orderId("/staff/orders/" + ORDER + "/timeline"))
                .isEqualTo(ORDER);
        assertThat(OrderIdFromPath.orderId("/staff/webhooks/orders/" + ORDER)).isEqualTo(ORDER);
        assertThat(OrderIdFromPath.orderId("/orders")).isNull();
        assertThat(OrderIdFromPath.orderId("/orders/not-an-id")).isNull();
        assertThat(OrderIdFromPath.orderId("/orders/" + ORDER + "0")).isNull();
    }

    @Test
    void logsARequestAboutAnOrderWithItsIdAndOnlyWhileItIsHandled() throws Exception {
        // given
        var seen = new AtomicReference<String>();
        var request = new MockHttpServletRequest("GET", "/orders/" + ORDER);
        var chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(
                    jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                seen.set(MDC.get(OrderLogContext.ORDER_ID));
            }
        });

        // when
        new OrderIdFromPath().doFilter(request, new MockHttpServletResponse(), chain);

        // then
        assertThat(seen.get()).isEqualTo(ORDER);
        assertThat(MDC.get(OrderLogContext.ORDER_ID)).isNull();
    }
}
