package io.descopefilter.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The bounded, thread-safe record of every message the emulator "sent"; newest first. */
public final class Outbox {

    /** Default bound: enough for any test run, small enough never to matter for memory. */
    public static final int DEFAULT_CAPACITY = 1000;

    private final int capacity;
    private final Deque<OutboxMessage> messages = new ArrayDeque<>();

    public Outbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public synchronized void record(OutboxMessage message) {
        messages.addFirst(message);
        while (messages.size() > capacity) {
            messages.removeLast();
        }
    }

    /** All messages, newest first. */
    public synchronized List<OutboxMessage> messages() {
        return List.copyOf(messages);
    }

    /** Messages sent to this address or phone number (case-insensitive), newest first. */
    public synchronized List<OutboxMessage> messagesTo(String to) {
        List<OutboxMessage> matching = new ArrayList<>();
        for (OutboxMessage message : messages) {
            if (message.to().equalsIgnoreCase(to)) {
                matching.add(message);
            }
        }
        return List.copyOf(matching);
    }

    public Optional<OutboxMessage> latestTo(String to) {
        return messagesTo(to).stream().findFirst();
    }

    public synchronized void clear() {
        messages.clear();
    }
}
