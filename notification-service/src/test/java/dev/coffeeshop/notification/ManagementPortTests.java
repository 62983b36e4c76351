package dev.coffeeshop.notification;

import dev.coffeeshop.testsupport.ManagementPortChecks;
import dev.coffeeshop.testsupport.RealInfrastructure;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;

/** The actuator apart from the API, as {@link ManagementPortChecks} says every service must keep it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ManagementPortTests extends ManagementPortChecks {

    @Override
    protected List<String> secretProperties() {
        var secrets = new ArrayList<>(super.secretProperties());
        secrets.add("coffeeshop.notification.webhooks.signing-key");
        return secrets;
    }
}
