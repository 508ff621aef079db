package io.descopefilter.jakarta.internal.pages;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PagesTest {

    @Test
    void escapesEveryValueItRenders() {
        String html = Pages.landing("<h>", "x\"><script>alert(1)</script>", "Sign in as <b>",
                "https://shop.example.com/descope/verify\"onmouseover=\"x",
                List.of(new Pages.HiddenField("t", "\"><img src=x onerror=alert(1)>")), false);

        assertThat(html).doesNotContain("<script>alert(1)", "<img", "<b>", "\"onmouseover");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void lh05_loadsNothingFromAnywhere() {
        String html = Pages.landing("Sign in", "text", "Sign in", "https://shop.example.com/descope/verify",
                List.of(), true) + Pages.message("Oops", "text", "https://shop.example.com/login", "Again");

        assertThat(html).doesNotContain("src=", "<link", "@import", "url(");
    }

    @Test
    void autoSubmitAddsTheScriptOnlyInAutoMode() {
        String confirm = Pages.landing("Sign in", "text", "Go", "https://a.example/v", List.of(), false);
        String auto = Pages.landing("Sign in", "text", "Go", "https://a.example/v", List.of(), true);

        assertThat(confirm).doesNotContain("<script>");
        assertThat(auto).contains("<script>document.getElementById('continue').submit();</script>");
        assertThat(auto).contains("<button type=\"submit\">Go</button>");
    }
}
