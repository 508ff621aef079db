package io.descopefilter.emulator.internal.links;

import io.descopefilter.emulator.internal.store.StoredUser;

/** An email or phone change that takes effect when its link is verified. */
public record ProfileChange(DeliveryChannel channel, String newValue, boolean addToLoginIds) {

    public StoredUser applyTo(StoredUser user) {
        StoredUser changed = channel.isEmail() ? user.withEmail(newValue, true) : user.withPhone(newValue, true);
        return addToLoginIds ? changed.withLoginId(newValue) : changed;
    }
}
