package org.parley.realtime;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class StompEndpointMySqlTest extends StompEndpointContract {
}
