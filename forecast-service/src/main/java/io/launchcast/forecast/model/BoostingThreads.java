package io.launchcast.forecast.model;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many native threads XGBoost trains on. XGBoost's OpenMP threads (libgomp) spin while they wait for each
 * other; on a machine with other work (the suite's other services, a second training, a benchmark) a spinning
 * thread holds the core the thread it waits for needs, and training ran 25 to 40 times slower (ADR 0115). With
 * {@code OMP_WAIT_POLICY=PASSIVE} waiting threads sleep, so the configured threads are used; without it one
 * thread, which never waits on another. The policy is read by the native library when it loads, so it can only
 * come from the process's environment: the launch scripts, the container image and the build's tests set it.
 */
final class BoostingThreads {

    static final String POLICY = "OMP_WAIT_POLICY";
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private BoostingThreads() {
    }

    /** The threads training may use with this process's environment. */
    static int usable(int configured) {
        int usable = usable(configured, System.getenv());
        if (usable < configured && TOLD.compareAndSet(false, true)) {
            System.getLogger(BoostingThreads.class.getName()).log(System.Logger.Level.WARNING,
                    POLICY + " is not PASSIVE: the boosted model trains on 1 thread instead of " + configured
                            + ", since OpenMP's spinning threads slow training down many times on a busy machine; "
                            + "start the process with " + POLICY + "=PASSIVE to use " + configured);
        }
        return usable;
    }

    static int usable(int configured, Map<String, String> environment) {
        return configured > 1 && "passive".equalsIgnoreCase(environment.get(POLICY)) ? configured
                : Math.min(configured, 1);
    }
}
