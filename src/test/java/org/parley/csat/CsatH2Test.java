package org.parley.csat;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class CsatH2Test extends CsatContract {
}
