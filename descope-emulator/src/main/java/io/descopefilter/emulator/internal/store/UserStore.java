package io.descopefilter.emulator.internal.store;

import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ErrorCode;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Users by ID and by login ID (login IDs match case-insensitively). Reads are lock-free; writes are serialized so
 * the login-ID index never disagrees with the users.
 */
public final class UserStore {

    private final Clock clock;
    private final Map<String, StoredUser> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByLoginId = new ConcurrentHashMap<>();

    public UserStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * Stores a new user (see {@link StoredUser#newUser}) under a fresh user ID and the current time, failing with
     * E062107 when any of its login IDs is taken.
     */
    public synchronized StoredUser create(StoredUser newUser) {
        if (newUser.userId() != null) {
            throw new IllegalArgumentException("the user is stored already");
        }
        for (String loginId : newUser.loginIds()) {
            if (idByLoginId.containsKey(key(loginId))) {
                throw new ApiException(ErrorCode.USER_ALREADY_EXISTS, "A user with this login ID already exists");
            }
        }
        StoredUser user = newUser.stored(RandomIds.userId(), clock.instant());
        byId.put(user.userId(), user);
        user.loginIds().forEach(loginId -> idByLoginId.put(key(loginId), user.userId()));
        return user;
    }

    public Optional<StoredUser> byLoginId(String loginId) {
        if (loginId == null) {
            return Optional.empty();
        }
        String userId = idByLoginId.get(key(loginId));
        return userId == null ? Optional.empty() : byId(userId);
    }

    public Optional<StoredUser> byId(String userId) {
        return Optional.ofNullable(userId == null ? null : byId.get(userId));
    }

    /** Applies a change; a login ID the change adds must not belong to someone else (E062107). */
    public synchronized StoredUser update(String userId, UnaryOperator<StoredUser> change) {
        StoredUser current = byId(userId)
                .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND, "User not found"));
        StoredUser updated = change.apply(current);
        for (String loginId : updated.loginIds()) {
            String owner = idByLoginId.get(key(loginId));
            if (owner != null && !owner.equals(userId)) {
                throw new ApiException(ErrorCode.USER_ALREADY_EXISTS, "This login ID belongs to another user");
            }
        }
        updated.loginIds().forEach(loginId -> idByLoginId.put(key(loginId), userId));
        byId.put(userId, updated);
        return updated;
    }

    private static String key(String loginId) {
        return loginId.trim().toLowerCase(Locale.ROOT);
    }
}
