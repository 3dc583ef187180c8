package org.parley.customer;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class CustomerLastSeenH2Test extends CustomerLastSeenContract {
}
