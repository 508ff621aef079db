package io.descopefilter.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The page behind all three variants: the same few bytes, so the only difference is the filter in front. */
public final class HelloServlet extends HttpServlet {

    private static final byte[] BODY = "hello\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(response);
    }

    /** The HTTP hop of a landing is measured as a POST of a form of the same size to the unfiltered variant. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.getParameterMap(); // read the form, as the filter reads the landing's
        answer(response);
    }

    private static void answer(HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
