package io.descopefilter.jakarta.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The container's session table, as far as one test needs it: IDs that change and sessions that end. */
public final class FakeSessions {

    private static final AtomicInteger NEXT_ID = new AtomicInteger();
    private final Map<String, FakeSession> byId = new HashMap<>();

    FakeSession create() {
        FakeSession session = new FakeSession("S" + NEXT_ID.incrementAndGet(), this);
        byId.put(session.getId(), session);
        return session;
    }

    FakeSession changeId(FakeSession session) {
        byId.remove(session.getId());
        session.id = "S" + NEXT_ID.incrementAndGet();
        byId.put(session.getId(), session);
        return session;
    }

    void remove(FakeSession session) {
        byId.remove(session.getId());
    }

    /** The live session with this ID, or {@code null}. */
    public FakeSession find(String id) {
        return byId.get(id);
    }
}
