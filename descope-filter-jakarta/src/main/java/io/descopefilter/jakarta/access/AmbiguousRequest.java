package io.descopefilter.jakarta.access;

import io.descopefilter.jakarta.web.Pages;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The answer to a request refused by the ambiguous-path guard: 400, echoing nothing of the request. */
public final class AmbiguousRequest {

    private AmbiguousRequest() {
    }

    public static void refuse(HttpServletResponse response) throws IOException {
        response.resetBuffer();
        Pages.write(response, HttpServletResponse.SC_BAD_REQUEST, Pages.message("Bad request",
                "The address of this request is not in canonical form.", null, null), false);
    }
}
