package org.parley.security;

import org.parley.support.ParleySpringTest;

@ParleySpringTest
class TokenApiH2Test extends TokenApiContract {
}
