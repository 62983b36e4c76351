package dev.coffeeshop.barista;

import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.contracts.ContractChecks;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The service's OpenAPI and AsyncAPI documents as checked in and compatible with the released ones, as
 * {@link ContractChecks} says every service must keep them (docs/contracts.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ContractsTests extends ContractChecks {}
