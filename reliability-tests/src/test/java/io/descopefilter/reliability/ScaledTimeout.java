package io.descopefilter.reliability;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JUnit's {@code @Timeout} for a scenario whose phases {@link Load#scaled} lengthens: the limit is {@link #seconds()}
 * at scale 1 and grows by {@link #scaledSeconds()} for each step of {@code -Dreliability.scale} above 1, so a soak's
 * phases are never cut off and the default run keeps its limit. Like {@code @Timeout} in its default mode, the test
 * runs on its own thread and is interrupted when the limit passes; the next test starts only once it has returned,
 * that is once its {@link Load} workers have stopped.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ScaledTimeout.Interceptor.class)
@interface ScaledTimeout {

    /** The limit at scale 1, in seconds: the phases plus set-up, warm-up, fixed waits and assertions. */
    long seconds();

    /** The test's phases that {@link Load#scaled} lengthens, in seconds at scale 1. */
    long scaledSeconds();

    /** Interrupts the test's thread when its limit has passed and fails the test with a {@link TimeoutException}. */
    final class Interceptor implements InvocationInterceptor {

        private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scaled-timeout");
            t.setDaemon(true);
            return t;
        });

        /** The limit at the scale of this run. */
        static Duration limit(ScaledTimeout timeout) {
            return Duration.ofSeconds(timeout.seconds() + timeout.scaledSeconds() * (Load.SCALE - 1L));
        }

        @Override
        public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                        ExtensionContext extension) throws Throwable {
            withLimit(invocation, context.getExecutable());
        }

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                                ReflectiveInvocationContext<Method> context,
                                                ExtensionContext extension) throws Throwable {
            withLimit(invocation, context.getExecutable());
        }

        private static void withLimit(Invocation<Void> invocation, Method method) throws Throwable {
            Duration limit = limit(method.getAnnotation(ScaledTimeout.class));
            Thread test = Thread.currentThread();
            Object lock = new Object();
            boolean[] state = new boolean[2]; // [0]: the test returned, [1]: the limit interrupted it
            ScheduledFuture<?> alarm = TIMER.schedule(() -> {
                synchronized (lock) {
                    if (!state[0]) {
                        state[1] = true;
                        test.interrupt();
                    }
                }
            }, limit.toMillis(), TimeUnit.MILLISECONDS);
            Throwable thrown = null;
            try {
                invocation.proceed();
            } catch (Throwable t) {
                thrown = t;
            }
            boolean timedOut;
            synchronized (lock) {
                state[0] = true;
                timedOut = state[1];
            }
            alarm.cancel(false);
            if (timedOut) {
                Thread.interrupted(); // the interrupt was ours: do not leak it into the next test
                TimeoutException timeout = new TimeoutException(method.getName() + " timed out after "
                        + limit.toSeconds() + " s (scale " + Load.SCALE + ")");
                if (thrown != null) {
                    timeout.addSuppressed(thrown);
                }
                throw timeout;
            }
            if (thrown != null) {
                throw thrown;
            }
        }
    }
}
