package org.parley.report;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;
import org.parley.support.TestClockConfig;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@ParleySpringTest
@MySqlTest
@Import(TestClockConfig.class)
@TestPropertySource(properties = "parley.sla.sweep-enabled=false")
class LiveFactsMySqlTest extends LiveFactsContract {
}
