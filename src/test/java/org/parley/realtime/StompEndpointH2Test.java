package org.parley.realtime;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class StompEndpointH2Test extends StompEndpointContract {
}
