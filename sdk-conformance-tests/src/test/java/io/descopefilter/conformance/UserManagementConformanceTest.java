package io.descopefilter.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.descope.exception.DescopeException;
import com.descope.model.user.request.UserRequest;

import com.descope.model.user.response.UserResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's management API ({@code POST /v1/mgmt/user/create}) seeds users the link flows then sign in. */
class UserManagementConformanceTest {

    private EmulatedProject project;

    @BeforeEach
    void startProject() {
        project = EmulatedProject.start();
    }

    @AfterEach
    void stopProject() {
        project.close();
    }

    @Test
    void createdUserCarriesItsLoginIdEmailAndRoles() {
        UserResponse user = project.createUser("alice@example.com", "admin", "editor");

        assertThat(user.getUserId()).isNotBlank();
        assertThat(user.getLoginIds()).containsExactly("alice@example.com");
        assertThat(user.getEmail()).isEqualTo("alice@example.com");
        assertThat(user.getVerifiedEmail()).isTrue();
        assertThat(user.getName()).isEqualTo("Conformance alice@example.com");
        assertThat(user.getRoleNames()).containsExactlyInAnyOrder("admin", "editor");
    }

    @Test
    void eachCreatedUserGetsItsOwnId() {
        String first = project.createUser("first@example.com").getUserId();
        String second = project.createUser("second@example.com").getUserId();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void creatingAnExistingLoginIdAgainIsRefused() {
        project.createUser("twice@example.com");

        assertThatThrownBy(() -> project.createUser("twice@example.com")).isInstanceOf(DescopeException.class);
    }

    @Test
    void managementCallWithAWrongManagementKeyIsRefused() {
        UserRequest request = UserRequest.builder().email("mallory@example.com").build();

        assertThatThrownBy(() -> project.usersWithManagementKey("K2notTheKey").create("mallory@example.com", request))
                .isInstanceOf(DescopeException.class);
    }

    @Test
    void userSignedInByLinkIsTheUserTheAdministratorCreated() {
        UserResponse created = project.createUser("bob@example.com", "viewer");

        String refreshJwt = project.signInByMagicLink("bob@example.com").getRefreshToken().getJwt();
        UserResponse me = project.auth().me(refreshJwt);

        assertThat(me.getUserId()).isEqualTo(created.getUserId());
        assertThat(me.getEmail()).isEqualTo("bob@example.com");
        assertThat(me.getRoleNames()).containsExactly("viewer");
    }
}
