package io.descopefilter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the run's report says about the machine, from {@code /proc}: the processor, the load average, and how the
 * machine's CPU time was spent during a case, in particular how much of it the hypervisor gave to other guests
 * ("steal"). On a shared virtual machine steal can take a third of the time and comes in bursts of seconds; rounds
 * taken during a burst are slower for a reason that has nothing to do with the variant measured, which is why
 * rounds are interleaved and the CPU ratio, which steal does not inflate, is reported next to the throughput ratio.
 */
final class Machine {

    /** user nice system idle iowait irq softirq steal, in jiffies summed over all CPUs (guest is inside user). */
    private static final int FIELDS = 8;
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;
    private static final int STEAL = 7;

    private Machine() {
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** The machine's CPU time counters now, or {@code null} where {@code /proc/stat} cannot be read. */
    static long[] cpuTimes() {
        try {
            String[] parts = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            if (!parts[0].equals("cpu") || parts.length < FIELDS + 1) {
                return null;
            }
            return Arrays.stream(parts, 1, FIELDS + 1).mapToLong(Long::parseLong).toArray();
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** One line: the shares of busy, idle and stolen time between two readings of {@link #cpuTimes()}. */
    static String describeCpu(long[] before, long[] after) {
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
        return String.format("machine CPU during these rounds: busy %.0f %%, idle %.0f %%, **stolen by the hypervisor "
                + "%.0f %%**", 100.0 * (total - idle - steal) / total, 100.0 * idle / total, 100.0 * steal / total);
    }
}
