package org.parley.csat;

import java.time.Clock;
import java.time.Duration;
import org.parley.base.PeriodicRound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/** Sends due satisfaction surveys every {@code parley.csat.poll-interval} (a {@link PeriodicRound}). */
@Component
class CsatSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CsatSender.class);

    private final CsatProperties properties;
    private final PeriodicRound round;

    CsatSender(CsatSurveys surveys, CsatProperties properties, Clock clock,
            @Qualifier("parleyScheduler") TaskScheduler scheduler) {
        this.properties = properties;
        this.round = new PeriodicRound("csat", scheduler, () -> surveys.sendDue(clock.instant()));
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("satisfaction surveys are off (parley.csat.enabled=false)");
            return;
        }
        round.start(Duration.ofMillis(Math.max(100, properties.pollInterval().toMillis())));
    }

    @Override
    public void stop() {
        round.stop();
    }

    @Override
    public boolean isRunning() {
        return round.isStarted();
    }
}
