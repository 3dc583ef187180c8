package org.parley.conversation;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class ReceiveBatchH2Test extends ReceiveBatchContract {
}
