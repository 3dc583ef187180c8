package org.parley.customer;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class CustomerLastSeenMySqlTest extends CustomerLastSeenContract {
}
