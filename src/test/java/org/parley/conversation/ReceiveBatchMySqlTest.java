package org.parley.conversation;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class ReceiveBatchMySqlTest extends ReceiveBatchContract {
}
