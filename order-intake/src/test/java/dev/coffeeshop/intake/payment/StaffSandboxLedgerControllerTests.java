package dev.coffeeshop.intake.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The sandbox's ledger is the sandbox's: with a real provider there is nothing here to show. */
class StaffSandboxLedgerControllerTests {

    final SandboxPaymentLedger ledger = mock(SandboxPaymentLedger.class);

    @Test
    void answers404WhenThePaymentProviderIsNotTheSandbox() {
        // given
        var mvc = MockMvcTester.create(
                MockMvcBuilders.standaloneSetup(new StaffSandboxLedgerController(ledger, mock(PaymentGateway.class)))
                        .build());

        // when
        var response = mvc.get().uri("/staff/ledgers/payments?since=2026-11-23T10:00:00Z");

        // then
        assertThat(response).hasStatus(404);
        assertThat(response).bodyJson().extractingPath("$.type").asString().endsWith("/no-sandbox-ledger");
        verifyNoInteractions(ledger);
    }
}
