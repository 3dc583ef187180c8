package org.parley.channel;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class InboundApiMySqlTest extends InboundApiContract {
}
