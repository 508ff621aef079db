package io.descopefilter.core;

import io.descopefilter.core.internal.http.InputChecks;

import jakarta.json.bind.annotation.JsonbTransient;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code loginOptions} of a link sign-in or sign-up (contract §2). {@code null} fields are not sent. Build with
 * {@link #builder()}; {@link #NONE} sends nothing.
 *
 * @param stepup                   step up an existing session; needs the user's refresh JWT
 * @param mfa                      add a factor to an existing session; needs the user's refresh JWT
 * @param customClaims             claims added to the issued JWTs: strings, finite numbers or booleans only
 * @param templateOptions          values for the message template
 * @param templateId               message template to use
 * @param tenantId                 tenant to sign in to
 * @param locale                   message language, e.g. {@code en}
 * @param revokeOtherSessions      sign the user out everywhere else on success
 * @param revokeOtherSessionsTypes which other sessions to revoke
 * @param pkceChallenge            PKCE challenge (enchanted links)
 * @param ssoAppId                 SSO application to sign in to (also sent at the request's top level)
 * @param providerId               message provider to deliver through; Descope takes it at the top level of the
 *                                 link request, not inside {@code loginOptions}, so it is sent there only
 */
public record LoginOptions(
        boolean stepup,
        boolean mfa,
        Map<String, Object> customClaims,
        Map<String, String> templateOptions,
        String templateId,
        String tenantId,
        String locale,
        boolean revokeOtherSessions,
        List<String> revokeOtherSessionsTypes,
        String pkceChallenge,
        String ssoAppId,
        @JsonbTransient String providerId) {

    /** No options: only the defaults of the Descope project apply. */
    public static final LoginOptions NONE = builder().build();

    private static final Pattern PKCE_CHALLENGE = Pattern.compile("[A-Za-z0-9_.~=+/-]{1,256}");

    public LoginOptions {
        customClaims = copy(InputChecks.customClaims(customClaims));
        templateOptions = copy(InputChecks.stringMap(templateOptions, "templateOptions"));
        InputChecks.optionalText(templateId, "templateId", InputChecks.MAX_TEXT_LENGTH);
        InputChecks.optionalText(tenantId, "tenantId", InputChecks.MAX_TEXT_LENGTH);
        InputChecks.optionalText(locale, "locale", 35);
        InputChecks.optionalText(ssoAppId, "ssoAppId", InputChecks.MAX_TEXT_LENGTH);
        InputChecks.optionalText(providerId, "providerId", InputChecks.MAX_TEXT_LENGTH);
        if (revokeOtherSessionsTypes != null) {
            revokeOtherSessionsTypes.forEach(type ->
                    InputChecks.text(type, "revokeOtherSessionsTypes entry", InputChecks.MAX_TEXT_LENGTH));
            revokeOtherSessionsTypes = List.copyOf(revokeOtherSessionsTypes);
        }
        if (pkceChallenge != null && !PKCE_CHALLENGE.matcher(pkceChallenge).matches()) {
            throw new IllegalArgumentException("pkceChallenge must be 1 to 256 base64 or base64url characters");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Step-up and MFA act on an existing session, so Descope needs the user's refresh JWT (contract §1). */
    public boolean requiresRefreshJwt() {
        return stepup || mfa;
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Builder for {@link LoginOptions}; everything is optional. */
    public static final class Builder {
        private boolean stepup;
        private boolean mfa;
        private Map<String, Object> customClaims;
        private Map<String, String> templateOptions;
        private String templateId;
        private String tenantId;
        private String locale;
        private boolean revokeOtherSessions;
        private List<String> revokeOtherSessionsTypes;
        private String pkceChallenge;
        private String ssoAppId;
        private String providerId;

        private Builder() {
        }

        public Builder stepup(boolean stepup) {
            this.stepup = stepup;
            return this;
        }

        public Builder mfa(boolean mfa) {
            this.mfa = mfa;
            return this;
        }

        public Builder customClaims(Map<String, Object> customClaims) {
            this.customClaims = customClaims;
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

        public Builder tenantId(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder locale(String locale) {
            this.locale = locale;
            return this;
        }

        public Builder revokeOtherSessions(boolean revokeOtherSessions) {
            this.revokeOtherSessions = revokeOtherSessions;
            return this;
        }

        public Builder revokeOtherSessionsTypes(List<String> revokeOtherSessionsTypes) {
            this.revokeOtherSessionsTypes = revokeOtherSessionsTypes;
            return this;
        }

        public Builder pkceChallenge(String pkceChallenge) {
            this.pkceChallenge = pkceChallenge;
            return this;
        }

        public Builder ssoAppId(String ssoAppId) {
            this.ssoAppId = ssoAppId;
            return this;
        }

        public Builder providerId(String providerId) {
            this.providerId = providerId;
            return this;
        }

        public LoginOptions build() {
            return new LoginOptions(stepup, mfa, customClaims, templateOptions, templateId, tenantId, locale,
                    revokeOtherSessions, revokeOtherSessionsTypes, pkceChallenge, ssoAppId, providerId);
        }
    }
}
