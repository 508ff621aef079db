package io.descopefilter.bench;

import io.descopefilter.core.CallKind;
import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeEventListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What a landing costs inside the server, for the harness to subtract the Descope call precisely: a filter in front
 * of ours times each landing POST through our filter (wall clock and the request thread's CPU), and a
 * {@link DescopeEventListener} records how long each of our filter's verify calls to Descope took, as the filter
 * timed it (its {@code DescopeCall} event). Landings run one at a time, so the n-th landing made the n-th call.
 * {@code GET /plain/landing-times} answers, and forgets, one line per landing since the last such request:
 * {@code <wall ns> <request thread CPU ns> <verify call ns>}.
 */
public final class LandingTimes implements DescopeEventListener {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ConcurrentLinkedQueue<long[]> LANDINGS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<Long> CALLS = new ConcurrentLinkedQueue<>();

    @Override
    public void onEvent(DescopeEvent event) {
        if (event instanceof DescopeEvent.DescopeCall call && call.kind() == CallKind.VERIFY) {
            CALLS.add(call.latency().toNanos());
        }
    }

    /** Times the landing POSTs that pass through it (mapped in front of our filter). */
    public static final class Timer implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (!((HttpServletRequest) request).getMethod().equals("POST")) {
                chain.doFilter(request, response);
                return;
            }
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            try {
                chain.doFilter(request, response);
            } finally {
                LANDINGS.add(new long[] {System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpu});
            }
        }
    }

    /** Serves and forgets what was recorded. */
    public static final class Servlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            StringBuilder body = new StringBuilder();
            for (long[] landing = LANDINGS.poll(); landing != null; landing = LANDINGS.poll()) {
                Long call = CALLS.poll();
                body.append(landing[0]).append(' ').append(landing[1]).append(' ')
                        .append(call == null ? -1 : call).append('\n');
            }
            CALLS.clear();
            response.setContentType("text/plain");
            response.getWriter().write(body.toString());
        }
    }
}
