package org.parley.sla;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(SlaProperties.class)
class SlaConfig {

    @Bean
    JobDetail slaSweepJob() {
        return JobBuilder.newJob(SlaSweepJob.class).withIdentity("sla-sweep", "parley").storeDurably()
                .requestRecovery().build();
    }

    @Bean
    Trigger slaSweepTrigger(JobDetail slaSweepJob, SlaProperties properties) {
        return TriggerBuilder.newTrigger().forJob(slaSweepJob).withIdentity("sla-sweep", "parley")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.sweepInterval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
