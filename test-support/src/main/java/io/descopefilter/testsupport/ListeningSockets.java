package io.descopefilter.testsupport;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP ports a process tree listens on, read from Linux's /proc (empty where there is no /proc). */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Whether this machine can tell (Linux). */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** "address:port" of every listening socket of {@code pid} and its descendants, addresses in /proc hex form. */
    public static List<String> of(long pid) {
        Set<String> inodes = new HashSet<>();
        Stream.concat(Stream.of(pid), ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                        .map(ProcessHandle::pid))
                .forEach(p -> inodes.addAll(socketInodes(p)));
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table))
                        .size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
                        listening.add(f[1]);
                    }
                }
            } catch (IOException e) {
                // no such table
            }
        }
        return listening;
    }

    /** True for 127.0.0.1 (IPv4 or IPv4-mapped IPv6) and ::1, in /proc's hex notation. */
    public static boolean isLoopback(String hexAddressAndPort) {
        String address = hexAddressAndPort.substring(0, hexAddressAndPort.indexOf(':'));
        return address.equals("0100007F")
                || address.equals("0000000000000000FFFF00000100007F")
                || address.equals("00000000000000000000000001000000");
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            // process gone
        }
        return inodes;
    }
}
