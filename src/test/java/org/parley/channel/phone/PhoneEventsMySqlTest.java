package org.parley.channel.phone;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class PhoneEventsMySqlTest extends PhoneEventsContract {
}
