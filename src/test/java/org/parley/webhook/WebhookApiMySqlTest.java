package org.parley.webhook;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class WebhookApiMySqlTest extends WebhookApiContract {
}
