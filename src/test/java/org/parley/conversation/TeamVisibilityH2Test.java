package org.parley.conversation;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class TeamVisibilityH2Test extends TeamVisibilityContract {
}
