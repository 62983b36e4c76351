package dev.coffeeshop.messaging.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientBudgetsTests {

    @Test
    void servesThirtyOfThreeHundredRapidOrdersFromOneClientByDefault() {
        // given: the production defaults, as bound from an empty environment
        HttpLimits defaults =
                new Binder(new MapConfigurationPropertySource()).bindOrCreate("coffeeshop.http", HttpLimits.class);
        var budgets = new ClientBudgets(defaults.rateLimit());

        // when
        int served = 0;
        for (int i = 0; i < 300; i++) {
            served += budgets.spend("address 203.0.113.7", ClientBudgets.Kind.WRITES)
                            .permitted()
                    ? 1
                    : 0;
        }

        // then
        assertThat(served).isEqualTo(30);
        assertThat(budgets.spend("address 203.0.113.8", ClientBudgets.Kind.WRITES)
                        .permitted())
                .isTrue();
    }

    @Test
    void keepsAtMostMaxClientsBudgetsThroughAFloodOfDistinctClients() {
        // given
        var budgets = new ClientBudgets(new HttpLimits.RateLimit(true, Duration.ofMinutes(1), 10, 10, 100, Map.of()));

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
        var budgets = new ClientBudgets(new HttpLimits.RateLimit(true, Duration.ofSeconds(30), 10, 1, 100, Map.of()));
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

    @Test
    void givesASubjectWithABudgetOfItsOwnThatBudgetAndEveryoneElseTheDefault() {
        // given: the tools' client with its own writes, as the local stack sets it through the environment
        var environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("COFFEESHOP_HTTP_RATELIMIT_SUBJECTS_TOOLS_WRITES", "100")));
        HttpLimits limits = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("coffeeshop.http", HttpLimits.class);
        var budgets = new ClientBudgets(limits.rateLimit());

        // when
        int tools = served(budgets, "subject tools", ClientBudgets.Kind.WRITES, 200);
        int toolsReads = served(budgets, "subject tools", ClientBudgets.Kind.READS, 400);
        int bob = served(budgets, "subject bob", ClientBudgets.Kind.WRITES, 200);
        int anAddressNamedLikeIt = served(budgets, "address tools", ClientBudgets.Kind.WRITES, 200);

        // then
        assertThat(tools).isEqualTo(100);
        assertThat(toolsReads).isEqualTo(300);
        assertThat(bob).isEqualTo(30);
        assertThat(anAddressNamedLikeIt).isEqualTo(30);
    }

    private static int served(ClientBudgets budgets, String client, ClientBudgets.Kind kind, int requests) {
        int served = 0;
        for (int i = 0; i < requests; i++) {
            served += budgets.spend(client, kind).permitted() ? 1 : 0;
        }
        return served;
    }
}
