package org.parley.privacy;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class PrivacyH2Test extends PrivacyContract {
}
