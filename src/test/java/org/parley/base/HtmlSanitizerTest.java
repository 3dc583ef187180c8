package org.parley.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlSanitizerTest {

    @Test
    void scriptsHandlersAndJavascriptLinksAreRemoved() {
        String clean = HtmlSanitizer.sanitize("""
                <div onmouseover="steal()"><script>alert(1)</script><p>Hi <b>Jane</b></p>
                <a href="javascript:alert(2)">click</a><a href="https://shop.example/order">order</a>
                <img src="https://tracker.example/pixel.gif"><iframe src="https://evil.example"></iframe>
                <style>body{display:none}</style><form action="https://evil.example"><input name="pw"></form></div>""");

        assertThat(clean).contains("<b>Jane</b>", "https://shop.example/order")
                .doesNotContain("script", "onmouseover", "javascript:", "tracker.example", "iframe", "<style",
                        "<form", "<input");
        assertThat(clean).contains("rel=\"noopener noreferrer nofollow\"");
    }

    @Test
    void emptyOrInvisibleHtmlBecomesNull() {
        assertThat(HtmlSanitizer.sanitize(null)).isNull();
        assertThat(HtmlSanitizer.sanitize("<script>x()</script>")).isNull();
    }

    @Test
    void textIsExtractedFromHtml() {
        assertThat(HtmlSanitizer.toText("<p>Hello <b>there</b></p>")).isEqualTo("Hello there");
    }
}
