package org.parley.conversation;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class ConversationApiH2Test extends ConversationApiContract {
}
