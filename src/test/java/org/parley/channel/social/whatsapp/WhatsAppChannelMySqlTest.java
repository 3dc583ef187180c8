package org.parley.channel.social.whatsapp;

import org.parley.support.MySqlTest;
import org.parley.support.ParleySpringTest;

@ParleySpringTest
@MySqlTest
class WhatsAppChannelMySqlTest extends WhatsAppChannelContract {
}
