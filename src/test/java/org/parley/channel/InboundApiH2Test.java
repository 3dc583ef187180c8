package org.parley.channel;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class InboundApiH2Test extends InboundApiContract {
}
