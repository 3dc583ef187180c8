package org.parley.conversation;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class ConversationMergeH2Test extends ConversationMergeContract {
}
