package io.launchcast.monitor;

import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.testing.ServiceContractIT;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

/** The monitor service starts on the local stand-ins, reports UP and answers errors as problem details. */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MonitorApplicationIT extends ServiceContractIT {

    @Override
    protected String postPath() {
        return "/monitoring-runs";
    }
}
