package dev.coffeeshop.intake.ordering.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.coffeeshop.intake.ordering.Cashier;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import tools.jackson.databind.json.JsonMapper;

/** What a client hears when the cashier's own parts fail: never a 202, always a problem body. */
class OrderProblemsTests {

    final Cashier cashier = mock(Cashier.class);

    final MockMvcTester mvc = MockMvcTester.create(MockMvcBuilders.standaloneSetup(
                    new OrderController(cashier, JsonMapper.builder().build()))
            .setControllerAdvice(new OrderProblems())
            .build());

    /** Who asks, as the resource server would have established it from the token. */
    static final Authentication CUSTOMER = new TestingAuthenticationToken("ada", null, "SCOPE_orders:place");

    static final String ORDER = """
            {"customerName":"Ada","paymentToken":"tok_approve",
             "items":[{"drink":"latte","size":"small","quantity":1,"options":[]}]}""";

    @Test
    void answers503WithRetryAfterWhileTheDatabaseIsUnreachable() {
        // given
        when(cashier.place(any())).thenThrow(new CannotCreateTransactionException("Connection is not available"));

        // when
        var response = mvc.post()
                .uri("/orders")
                .principal(CUSTOMER)
                .contentType(MediaType.APPLICATION_JSON)
                .content(ORDER);

        // then
        assertThat(response).hasStatus(503);
        assertThat(response).headers().hasValue("Retry-After", "2");
        assertThat(response).bodyJson().extractingPath("$.type").asString().endsWith("/storage-unavailable");
    }

    @Test
    void answersAnUnforeseenFailureWithAProblemWithoutInternals() {
        // given
        when(cashier.place(any())).thenThrow(new IllegalStateException("secret internal detail"));

        // when
        var response = mvc.post()
                .uri("/orders")
                .principal(CUSTOMER)
                .contentType(MediaType.APPLICATION_JSON)
                .content(ORDER);

        // then
        assertThat(response).hasStatus(500);
        assertThat(response).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response).bodyText().doesNotContain("secret internal detail");
    }
}
