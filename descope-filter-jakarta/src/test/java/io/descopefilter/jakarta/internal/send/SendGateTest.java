package io.descopefilter.jakarta.internal.send;

import io.descopefilter.core.DescopeException;
import io.descopefilter.jakarta.LinkSent;
import io.descopefilter.jakarta.SendOutcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class SendGateTest {

    /** Found by the reliability send flood: every send refused by the bulkhead logged its own WARNING line. */
    @Test
    void rl_aFloodOfSendsDescopeCannotTakeLogsOneLineNotOnePerSend() {
        Logger logger = Logger.getLogger(SendGate.class.getName());
        List<LogRecord> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    lines.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            for (int i = 0; i < 1_000; i++) {
                LinkSent sent = SendGate.answerFor(DescopeException.notSent("POST /v1/auth/magiclink/signin/email",
                        "too many SEND calls to Descope in flight", 2), "f***@flood.example.com");
                assertThat(sent.outcome()).isEqualTo(SendOutcome.TRY_LATER);
            }
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(lines).hasSizeLessThanOrEqualTo(1);
    }
}
