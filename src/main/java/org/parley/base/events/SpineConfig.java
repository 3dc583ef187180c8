package org.parley.base.events;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SpineProperties.class)
class SpineConfig {

    static final String LIVE_EXECUTOR = "liveEventExecutor";

    /** Parley's periodic work (outbox polls, wallboard ticks, mail polls): each run on a virtual thread. */
    @Bean(destroyMethod = "close")
    SimpleAsyncTaskScheduler parleyScheduler() {
        SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
        scheduler.setThreadNamePrefix("parley-scheduled-");
        scheduler.setVirtualThreads(true);
        return scheduler;
    }

    /** One thread, so live listeners see transactions in commit order. */
    @Bean(name = LIVE_EXECUTOR, destroyMethod = "shutdown")
    ThreadPoolTaskExecutor liveEventExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(100_000);
        executor.setThreadNamePrefix("parley-live-");
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        return executor;
    }
}
