package io.descopefilter.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends the figures of each scenario to {@code target/reliability-figures.md} (and stdout); the first scenario of a
 * run starts the file afresh, so it holds the figures of the last run only.
 */
final class Figures {

    private static boolean started;

    private Figures() {
    }

    static synchronized void record(String scenario, String... lines) {
        StringBuilder text = new StringBuilder("\n### ").append(scenario).append(" (scale ").append(Load.SCALE)
                .append(")\n\n");
        for (String line : lines) {
            text.append("- ").append(line).append('\n');
        }
        System.out.print(text);
        String target = System.getProperty("reliability.report", "target/reliability-figures.md");
        try {
            Files.writeString(Path.of(target), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    started ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            started = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
