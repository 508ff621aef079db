package io.descopefilter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The machine's CPU time by kind, from the first line of {@code /proc/stat} (jiffies summed over all CPUs), to say
 * how much of a run the hypervisor gave to other guests ("steal"). On a shared virtual machine steal can take a
 * third of the time and comes in bursts of seconds; throughput rounds taken during a burst are slower for a reason
 * that has nothing to do with the variant measured, which is why rounds are interleaved and the CPU ratio, which
 * steal does not inflate, is reported next to the throughput ratio.
 */
final class MachineCpu {

    private static final int USER = 0;
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;
    private static final int STEAL = 7;
    private static final int FIELDS = 8; // user nice system idle iowait irq softirq steal (guest is inside user)

    private MachineCpu() {
    }

    /** The counters now, or {@code null} where {@code /proc/stat} cannot be read (not Linux). */
    static long[] read() {
        try {
            String[] parts = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            if (!parts[0].equals("cpu") || parts.length < FIELDS + 1) {
                return null;
            }
            return Arrays.stream(parts, 1, FIELDS + 1).mapToLong(Long::parseLong).toArray();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** One line: the shares of busy, idle and stolen time between the two readings. */
    static String describe(long[] before, long[] after) {
        if (before == null || after == null) {
            return "machine CPU: /proc/stat not readable";
        }
        long total = 0;
        long[] delta = new long[FIELDS];
        for (int i = 0; i < FIELDS; i++) {
            delta[i] = after[i] - before[i];
            total += delta[i];
        }
        if (total <= 0) {
            return "machine CPU: no time elapsed";
        }
        long idle = delta[IDLE] + delta[IOWAIT];
        long steal = delta[STEAL];
        long busy = total - idle - steal;
        return String.format("machine CPU during these rounds: busy %.0f %%, idle %.0f %%, **stolen by the hypervisor "
                + "%.0f %%**", 100.0 * busy / total, 100.0 * idle / total, 100.0 * steal / total)
                + (delta[USER] < 0 ? " (counters went backwards)" : "");
    }
}
