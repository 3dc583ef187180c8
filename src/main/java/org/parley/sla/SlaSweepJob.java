package org.parley.sla;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The periodic SLA sweep, a Quartz job in the clustered JDBC store: one node runs it at a time, it
 * survives restarts, and after downtime it fires at once and catches up everything that fell due.
 */
@DisallowConcurrentExecution
class SlaSweepJob extends QuartzJobBean {

    private SlaClocks clocks;
    private SlaProperties properties;

    @Autowired
    void setClocks(SlaClocks clocks) {
        this.clocks = clocks;
    }

    @Autowired
    void setProperties(SlaProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        if (!properties.sweepEnabled()) {
            return;
        }
        int batch = properties.sweepBatch();
        while (clocks.sweep(org.parley.conversation.ConversationAccess.Viewer.SLA, batch) > 0 && batch > 0) {
            // more may be due; the next batch skips rows whose escalations are all raised now
        }
    }
}
