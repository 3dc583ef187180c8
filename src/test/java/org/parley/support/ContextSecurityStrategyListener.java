package org.parley.support;

import org.springframework.core.Ordered;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Several application contexts live in one test JVM, and each Vaadin context installs its own
 * {@link SecurityContextHolderStrategy} as the JVM-wide one when it starts. Before each test this
 * listener installs the strategy of the test's own context again, ahead of {@code @WithMockUser},
 * so that the mock user lands where that context's views and services look for it.
 */
public class ContextSecurityStrategyListener implements TestExecutionListener, Ordered {

    @Override
    public int getOrder() {
        return 9_000; // before WithSecurityContextTestExecutionListener (10,000)
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext.getApplicationContext().getBeanProvider(SecurityContextHolderStrategy.class)
                    .ifAvailable(SecurityContextHolder::setContextHolderStrategy);
        }
    }
}
