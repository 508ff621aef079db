package io.descopefilter.it.support;

import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.OutboxLink;
import io.descopefilter.emulator.OutboxMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The messages the emulator "sent" to one address or phone number. */
public final class Inbox {

    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(10);

    private final DescopeEmulator emulator;
    private final String address;

    public Inbox(DescopeEmulator emulator, String address) {
        this.emulator = emulator;
        this.address = address;
    }

    public int size() {
        return emulator.outbox().messagesTo(address).size();
    }

    /** Waits until at least {@code count} messages arrived; returns the newest. */
    public OutboxMessage awaitMessage(int count) {
        return Eventually.within(DELIVERY_DEADLINE, count + " message(s) to " + address, () -> {
            List<OutboxMessage> messages = emulator.outbox().messagesTo(address);
            return messages.size() >= count ? Optional.of(messages.get(0)) : Optional.empty();
        });
    }

    /** The link of the first message to arrive. */
    public OutboxLink awaitLink() {
        return awaitMessage(1).firstLink();
    }

    /** The link of the newest message once there are {@code count} messages. */
    public OutboxLink awaitLink(int count) {
        return awaitMessage(count).firstLink();
    }
}
