package dev.coffeeshop.intake;

import dev.coffeeshop.testsupport.ManagementPortChecks;
import dev.coffeeshop.testsupport.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

/** The actuator apart from the API, as {@link ManagementPortChecks} says every service must keep it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ManagementPortTests extends ManagementPortChecks {}
