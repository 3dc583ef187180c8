package org.parley.csat;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class CsatMySqlTest extends CsatContract {
}
