package dev.coffeeshop.messaging.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientBudgetsTests {

    @Test
    void keepsAtMostMaxClientsBudgetsThroughAFloodOfDistinctClients() {
        // given
        var budgets = new ClientBudgets(new HttpLimits.RateLimit(true, Duration.ofMinutes(1), 10, 10, 100));

        // when
        for (int i = 0; i < 20_000; i++) {
            budgets.spend("address 10.0." + (i / 256) + "." + (i % 256), ClientBudgets.Kind.WRITES);
        }

        // then
        assertThat(budgets.clients()).isLessThanOrEqualTo(100);
    }

    @Test
    void tellsARefusedClientWhenItsBudgetRefills() {
        // given
        var budgets = new ClientBudgets(new HttpLimits.RateLimit(true, Duration.ofSeconds(30), 10, 1, 100));
        budgets.spend("address 10.0.0.1", ClientBudgets.Kind.WRITES);

        // when
        var refused = budgets.spend("address 10.0.0.1", ClientBudgets.Kind.WRITES);

        // then
        assertThat(refused.permitted()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void knowsAClientByItsPrincipalWhenItHasOne() {
        // given
        var request = new MockHttpServletRequest("POST", "/orders");
        request.setRemoteAddr("10.0.0.1");
        request.setUserPrincipal(() -> "ada");

        // when
        String client = RateLimitPerClient.client(request);

        // then
        assertThat(client).isEqualTo("subject ada");
    }

    @Test
    void knowsAnAnonymousClientByItsAddressAndIgnoresForwardedForHeaders() {
        // given
        var request = new MockHttpServletRequest("POST", "/orders");
        request.setRemoteAddr("10.0.0.1");
        request.addHeader("X-Forwarded-For", "203.0.113.9");

        // when
        String client = RateLimitPerClient.client(request);

        // then
        assertThat(client).isEqualTo("address 10.0.0.1");
    }
}
