package org.parley.customer.api;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class CustomerAttributesApiH2Test extends CustomerAttributesApiContract {
}
