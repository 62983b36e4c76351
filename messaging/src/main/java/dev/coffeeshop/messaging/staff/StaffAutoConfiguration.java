package dev.coffeeshop.messaging.staff;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What every servlet service's staff endpoints share. Who may call them ({@code /staff/**} needs the {@code staff}
 * scope) is in {@link dev.coffeeshop.messaging.access.AccessRules}, with every other endpoint's rule.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RestControllerAdvice.class)
public class StaffAutoConfiguration {

    /** The answer to a ledger page asked for with bad parameters, for every service's staff ledgers. */
    @Bean
    @ConditionalOnMissingBean
    LedgerProblems ledgerProblems() {
        return new LedgerProblems();
    }
}
