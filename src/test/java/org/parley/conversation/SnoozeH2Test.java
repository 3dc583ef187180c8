package org.parley.conversation;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class SnoozeH2Test extends SnoozeContract {
}
