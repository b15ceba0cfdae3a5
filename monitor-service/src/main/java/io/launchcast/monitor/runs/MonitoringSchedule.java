package io.launchcast.monitor.runs;

import io.launchcast.monitor.MonitorProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/** Starts a run per monitored model on its cron ({@code launchcast.monitor.models[].cron}; "-" turns it off). */
@Component
class MonitoringSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MonitoringSchedule.class);

    private final MonitorProperties properties;
    private final MonitoringRuns runs;
    private final Clock clock;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private volatile boolean running;

    MonitoringSchedule(MonitorProperties properties, MonitoringRuns runs, Clock clock) {
        this.properties = properties;
        this.runs = runs;
        this.clock = clock;
        scheduler.setThreadNamePrefix("monitoring-schedule-");
    }

    @Override
    public void start() {
        scheduler.initialize();
        for (MonitorProperties.Model model : properties.models()) {
            if (model.cron().equals("-")) {
                continue;
            }
            scheduled.add(scheduler.schedule(() -> {
                Instant to = Instant.now(clock);
                runs.start(model.group(), null, to.minus(model.window()), to);
            }, new CronTrigger(model.cron())));
            log.info("monitoring {} on cron '{}' over windows of {}", model.group(), model.cron(), model.window());
        }
        running = true;
    }

    @Override
    public void stop() {
        scheduled.forEach(f -> f.cancel(false));
        scheduler.shutdown();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
