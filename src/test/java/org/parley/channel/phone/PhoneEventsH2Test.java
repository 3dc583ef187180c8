package org.parley.channel.phone;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class PhoneEventsH2Test extends PhoneEventsContract {
}
