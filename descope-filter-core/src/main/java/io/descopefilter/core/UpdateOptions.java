package io.descopefilter.core;

import io.descopefilter.core.internal.http.InputChecks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of a magic/enchanted link email or phone update (contract §2). Build with {@link #builder()};
 * {@link #NONE} keeps every default.
 *
 * @param addToLoginIds      also add the new address as a login ID
 * @param onMergeUseExisting when the address belongs to another user, keep that user
 * @param templateOptions    values for the message template
 * @param templateId         message template to use
 * @param providerId         message provider to use
 * @param locale             message language
 */
public record UpdateOptions(
        boolean addToLoginIds,
        boolean onMergeUseExisting,
        Map<String, String> templateOptions,
        String templateId,
        String providerId,
        String locale) {

    public static final UpdateOptions NONE = builder().build();

    public UpdateOptions {
        templateOptions = InputChecks.stringMap(templateOptions, "templateOptions") == null
                ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(templateOptions));
        InputChecks.optionalText(templateId, "templateId", InputChecks.MAX_TEXT_LENGTH);
        InputChecks.optionalText(providerId, "providerId", InputChecks.MAX_TEXT_LENGTH);
        InputChecks.optionalText(locale, "locale", 35);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link UpdateOptions}; everything is optional. */
    public static final class Builder {
        private boolean addToLoginIds;
        private boolean onMergeUseExisting;
        private Map<String, String> templateOptions;
        private String templateId;
        private String providerId;
        private String locale;

        private Builder() {
        }

        public Builder addToLoginIds(boolean addToLoginIds) {
            this.addToLoginIds = addToLoginIds;
            return this;
        }

        public Builder onMergeUseExisting(boolean onMergeUseExisting) {
            this.onMergeUseExisting = onMergeUseExisting;
            return this;
        }

        public Builder templateOptions(Map<String, String> templateOptions) {
            this.templateOptions = templateOptions;
            return this;
        }

        public Builder templateId(String templateId) {
            this.templateId = templateId;
            return this;
        }

        public Builder providerId(String providerId) {
            this.providerId = providerId;
            return this;
        }

        public Builder locale(String locale) {
            this.locale = locale;
            return this;
        }

        public UpdateOptions build() {
            return new UpdateOptions(addToLoginIds, onMergeUseExisting, templateOptions, templateId, providerId,
                    locale);
        }
    }
}
