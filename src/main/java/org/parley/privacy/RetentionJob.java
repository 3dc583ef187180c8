package org.parley.privacy;

import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the retention policy on its cron schedule through Quartz (clustered: one node runs it). The job is
 * always registered; with the policy off a run does nothing, so switching it off needs no cleanup.
 */
@DisallowConcurrentExecution
class RetentionJob implements Job {

    private final RetentionRun run;

    RetentionJob(RetentionRun run) {
        this.run = run;
    }

    @Override
    public void execute(JobExecutionContext context) {
        run.runNow();
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        JobDetail retentionJobDetail() {
            return JobBuilder.newJob(RetentionJob.class).withIdentity("retention", "privacy").storeDurably()
                    .withDescription("Deletes or anonymises resolved conversations past parley.retention").build();
        }

        @Bean
        Trigger retentionTrigger(JobDetail retentionJobDetail, RetentionProperties policy) {
            return TriggerBuilder.newTrigger().forJob(retentionJobDetail).withIdentity("retention", "privacy")
                    .withSchedule(CronScheduleBuilder.cronSchedule(policy.cron())
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
        }
    }
}
