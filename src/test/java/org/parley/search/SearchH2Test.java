package org.parley.search;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class SearchH2Test extends SearchContract {
}
