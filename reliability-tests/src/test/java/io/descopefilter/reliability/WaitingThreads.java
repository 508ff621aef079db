package io.descopefilter.reliability;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Samples, every 20 ms, how many container request threads are waiting on Descope: inside
 * {@code DescopeTransport.execute} (a call in flight) or {@code SessionRefresher.await} (waiting for another
 * request's refresh) or the key set fetch. Keeps the maximum seen.
 */
final class WaitingThreads implements AutoCloseable {

    private final AtomicInteger max = new AtomicInteger();
    private volatile boolean running = true;
    private final Thread sampler;

    WaitingThreads() {
        sampler = new Thread(this::sample, "waiting-threads-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            int waiting = 0;
            for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
                if (!entry.getKey().getName().startsWith("http-nio")) {
                    continue;
                }
                for (StackTraceElement frame : entry.getValue()) {
                    String cls = frame.getClassName();
                    if (cls.endsWith("DescopeTransport") && frame.getMethodName().equals("execute")
                            || cls.endsWith("SessionRefresher") && frame.getMethodName().equals("await")
                            || cls.endsWith("KeySetCache") && frame.getMethodName().startsWith("await")) {
                        waiting++;
                        break;
                    }
                }
            }
            max.accumulateAndGet(waiting, Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    int max() {
        return max.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }
}
