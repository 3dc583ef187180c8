package org.parley.routing;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class RoutingSlaApiMySqlTest extends RoutingSlaApiContract {
}
