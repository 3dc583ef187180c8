package org.parley.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs browser tests when Debian's Chromium and ChromeDriver are installed. Without them the tests
 * are skipped with a message, unless {@code -Dparley.test.require-browser=true} (as in CI).
 */
public class BrowserAvailable implements ExecutionCondition {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PARLEY_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("PARLEY_TEST_CHROMEDRIVER",
            "/usr/bin/chromedriver"));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return ConditionEvaluationResult.enabled("Chromium found at " + CHROMIUM);
        }
        String reason = "Chromium (" + CHROMIUM + ") or ChromeDriver (" + CHROMEDRIVER + ") is not installed"
                + " (apt-get install chromium chromium-driver)";
        if (Boolean.getBoolean("parley.test.require-browser")) {
            throw new IllegalStateException(reason + " and -Dparley.test.require-browser=true");
        }
        return ConditionEvaluationResult.disabled(reason + " — skipping the browser suite");
    }
}
