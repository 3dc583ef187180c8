package org.parley.routing;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class RoutingSlaApiH2Test extends RoutingSlaApiContract {
}
