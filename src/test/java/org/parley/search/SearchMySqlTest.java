package org.parley.search;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class SearchMySqlTest extends SearchContract {
}
