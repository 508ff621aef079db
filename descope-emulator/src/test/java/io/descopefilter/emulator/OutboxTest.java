package io.descopefilter.emulator;

import static io.descopefilter.emulator.Flows.body;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private DescopeEmulator emulator;
    private EmulatorClient client;

    @BeforeEach
    void start() {
        emulator = TestEmulators.builder().start();
        client = new EmulatorClient(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private void signUpIn(String loginId) {
        Reply reply = client.post("/v1/auth/magiclink/signup-in/email", client.project(), body("loginId", loginId));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void outboxJsonListsMessagesNewestFirstWithTheirLinks() {
        signUpIn("first@example.com");
        signUpIn("second@example.com");

        JsonArray messages = client.get("/emulator/outbox", null).jsonArray();

        assertThat(messages).hasSize(2);
        JsonObject newest = messages.getJsonObject(0);
        assertThat(newest.getString("to")).isEqualTo("second@example.com");
        assertThat(newest.getString("channel")).isEqualTo("email");
        assertThat(newest.getString("id")).isNotBlank();
        assertThat(newest.getString("subject")).isNotBlank();
        assertThat(Instant.parse(newest.getString("sentAt"))).isNotNull();
        String url = newest.getJsonArray("links").getJsonObject(0).getString("url");
        assertThat(url).startsWith(TestEmulators.REDIRECT + "?t=");
        assertThat(newest.getString("body")).contains(url);
        assertThat(newest.getJsonArray("links").getJsonObject(0).containsKey("token")).isFalse();
    }

    @Test
    void enchantedLinksCarryTheirNumbersInTheOutbox() {
        client.post("/v1/auth/enchantedlink/signup-in/email", client.project(), body("loginId", "e@example.com"));

        JsonArray links = client.get("/emulator/outbox", null).jsonArray().getJsonObject(0).getJsonArray("links");

        assertThat(links).hasSize(3);
        assertThat(links.getJsonObject(0).getString("linkId")).matches("[1-9][0-9]");
    }

    @Test
    void outboxCanBeFilteredByRecipient() {
        signUpIn("first@example.com");
        signUpIn("second@example.com");
        signUpIn("first@example.com");

        JsonArray filtered = client.get("/emulator/outbox?to=first%40example.com", null).jsonArray();

        assertThat(filtered).hasSize(2);
        assertThat(filtered.getValuesAs(JsonObject.class))
                .allSatisfy(m -> assertThat(m.getString("to")).isEqualTo("first@example.com"));
        assertThat(emulator.outbox().messagesTo("second@example.com")).hasSize(1);
    }

    @Test
    void outboxPageEscapesEverythingAndShowsClickableLinks() {
        signUpIn("<script>alert(1)</script>@example.com");
        client.post("/v1/auth/enchantedlink/signup-in/email", client.project(), body("loginId", "e@example.com"));

        Reply page = client.get("/emulator/outbox.html", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(page.body()).doesNotContain("<script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;@example.com");
        assertThat(page.body()).contains("<a href=\"" + TestEmulators.REDIRECT + "?t=");
        assertThat(page.body()).doesNotContain("src=\"http").doesNotContain("<link");
        String linkId = emulator.outbox().latestTo("e@example.com").orElseThrow().links().get(0).linkId();
        assertThat(page.body()).contains("<span class=\"number\">" + linkId + "</span>");
        assertThat(page.body().indexOf("e@example.com")).isLessThan(page.body().indexOf("&lt;script&gt;"));
    }

    @Test
    void deletingTheOutboxClearsIt() {
        signUpIn("first@example.com");

        assertThat(client.delete("/emulator/outbox").status()).isEqualTo(200);

        assertThat(client.get("/emulator/outbox", null).jsonArray()).isEmpty();
        assertThat(emulator.outbox().messages()).isEmpty();
        assertThat(client.get("/emulator/outbox.html", null).body()).contains("No messages yet.");
    }

    @Test
    void theOutboxKeepsOnlyTheNewestMessagesUpToItsCapacity() {
        Outbox outbox = new Outbox(2);
        for (int i = 1; i <= 3; i++) {
            outbox.record(new OutboxMessage("m" + i, "email", "a@example.com", "s", "b", Instant.now(), List.of()));
        }

        assertThat(outbox.messages()).extracting(OutboxMessage::id).containsExactly("m3", "m2");
    }

    @Test
    void outboxValuesNeverPrintTheirTokens() {
        OutboxLink link = new OutboxLink("http://localhost/v?t=secret-token", "42");
        OutboxMessage message = new OutboxMessage("m1", "email", "a@example.com", "s",
                "http://localhost/v?t=secret-token", Instant.now(), List.of(link));

        assertThat(link.token()).isEqualTo("secret-token");
        assertThat(link.toString()).doesNotContain("secret-token");
        assertThat(message.toString()).doesNotContain("secret-token");
    }
}
