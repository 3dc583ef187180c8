package org.parley.channel.social.whatsapp;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class WhatsAppChannelH2Test extends WhatsAppChannelContract {
}
