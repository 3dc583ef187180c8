package org.parley.webhook;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class WebhookApiH2Test extends WebhookApiContract {
}
