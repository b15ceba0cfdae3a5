package io.launchcast.platform.logshipping;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a shipping round every interval on a thread of its own, and a last one when the service stops (after the
 * web server has drained, so the last requests' lines go too). A failed round is logged and the next one carries
 * on from the kept offsets: nothing is skipped.
 */
class LogShippingSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogShippingSchedule.class);

    private final LogShipper shipper;
    private final Duration interval;
    private ScheduledExecutorService executor;

    LogShippingSchedule(LogShipper shipper, Duration interval) {
        this.shipper = shipper;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "log-shipping");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            shipper.ship();
        } catch (RuntimeException e) {
            log.warn("log shipping round failed (the next one carries on from the kept offsets): {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        round();
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Stops among the last (low phases stop last), after the web server's graceful shutdown. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
