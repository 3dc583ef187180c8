package org.parley.security;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class TokenApiMySqlTest extends TokenApiContract {
}
