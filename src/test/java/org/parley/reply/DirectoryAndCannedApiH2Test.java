package org.parley.reply;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class DirectoryAndCannedApiH2Test extends DirectoryAndCannedApiContract {
}
