package dev.coffeeshop.messaging.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class StaffAccessTests {

    static final String TOKEN = "s3cret-staff-token";

    final StaffAccess guard = new StaffAccess(TOKEN);

    @Test
    void letsARequestWithTheConfiguredBearerTokenThrough() throws Exception {
        // given
        var request = request("Bearer " + TOKEN);
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();

        // when
        guard.doFilter(request, response, chain);

        // then
        assertThat(chain.getRequest()).as("passed on").isSameAs(request);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void refusesARequestWithoutATokenWithAProblemAndABearerChallenge() throws Exception {
        // given
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();

        // when
        guard.doFilter(request(null), response, chain);

        // then
        assertThat(chain.getRequest()).as("not passed on").isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.getContentAsString())
                .contains("\"status\":401")
                .contains("\"title\":\"Unauthorized\"")
                .contains("\"instance\":\"/staff/dead-letters\"");
    }

    @Test
    void refusesAWrongTokenAsInvalid() throws Exception {
        // given
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();

        // when
        guard.doFilter(request("Bearer " + TOKEN + "x"), response, chain);

        // then
        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).contains("error=\"invalid_token\"");
    }

    @Test
    void refusesATokenSentWithAnotherScheme() throws Exception {
        // given
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();

        // when
        guard.doFilter(request("Basic " + TOKEN), response, chain);

        // then
        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
    }

    @Test
    void answersNotFoundForEveryStaffRequestWhileNoTokenIsConfigured() throws Exception {
        // given
        var disabled = new StaffAccess("  ");
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();

        // when
        disabled.doFilter(request("Bearer  "), response, chain);

        // then
        assertThat(disabled.enabled()).isFalse();
        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isNull();
    }

    @Test
    void readsTheBearerTokenWhateverTheCaseOfTheScheme() {
        assertThat(StaffAccess.bearerToken("bearer abc")).isEqualTo("abc");
        assertThat(StaffAccess.bearerToken("BEARER   abc  ")).isEqualTo("abc");
        assertThat(StaffAccess.bearerToken("Bearerabc")).isNull();
        assertThat(StaffAccess.bearerToken("Bearer ")).isNull();
        assertThat(StaffAccess.bearerToken(null)).isNull();
    }

    @Test
    void writesTheRequestPathIntoTheProblemAsAnEscapedJsonString() {
        assertThat(StaffAccess.json("/staff/\"x\"\\<y>\n")).isEqualTo("\"/staff/\\\"x\\\"\\\\\\u003cy\\u003e\\n\"");
    }

    private static MockHttpServletRequest request(String authorization) {
        var request = new MockHttpServletRequest("GET", "/staff/dead-letters");
        if (authorization != null) {
            request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        return request;
    }
}
