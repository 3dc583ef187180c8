package org.parley.channel.social;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class SocialWebhooksH2Test extends SocialWebhooksContract {
}
