package org.parley.channel.social;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class SocialWebhooksMySqlTest extends SocialWebhooksContract {
}
