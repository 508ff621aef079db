package io.descopefilter.core.internal.wire;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Map;

/** Magic/enchanted link update of a user's email or phone (contract §2); exactly one of email/phone is set. */
public record UpdateBody(
        String loginId,
        String email,
        String phone,
        @JsonbProperty("URI") String uri,
        boolean crossDevice,
        @JsonbProperty("addToLoginIDs") boolean addToLoginIds,
        boolean onMergeUseExisting,
        Map<String, String> templateOptions,
        String templateId,
        String providerId,
        String locale) {
}
