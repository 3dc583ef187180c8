package org.parley.privacy;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class PrivacyMySqlTest extends PrivacyContract {
}
