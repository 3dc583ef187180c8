package org.parley.customer.api;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class CustomerAttributesApiMySqlTest extends CustomerAttributesApiContract {
}
