package org.parley.reply;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class DirectoryAndCannedApiMySqlTest extends DirectoryAndCannedApiContract {
}
