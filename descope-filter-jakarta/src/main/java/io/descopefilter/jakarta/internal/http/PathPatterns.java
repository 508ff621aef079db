package io.descopefilter.jakarta.internal.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of servlet-style path patterns: {@code /exact}, {@code /prefix/*} (the prefix itself and everything
 * below it) and {@code /*} (everything). Paths are canonical {@code servletPath + pathInfo}, relative to the
 * context root.
 *
 * <p>Protected patterns are matched leniently, because missing a protected path is the dangerous error: without
 * regard to case ({@code /APP/x} on a case-insensitive file system, Shiro CVE-2026-23903) and with or without a
 * trailing {@code /}. Public patterns are matched exactly. Matching allocates nothing.
 */
public final class PathPatterns {

    private static final int MAX_PATTERN_LENGTH = 512;

    private final boolean matchesAll;
    private final String[] exact;
    private final String[] prefixes;
    private final boolean lenient;

    private PathPatterns(boolean matchesAll, List<String> exact, List<String> prefixes, boolean lenient) {
        this.matchesAll = matchesAll;
        this.exact = exact.toArray(String[]::new);
        this.prefixes = prefixes.toArray(String[]::new);
        this.lenient = lenient;
    }

    /** Patterns of paths that need a session: case-insensitive, trailing {@code /} ignored. */
    public static PathPatterns forProtected(List<String> patterns) {
        return parse(patterns, true);
    }

    /** Patterns of paths that never need a session: exact matching. */
    public static PathPatterns forPublic(List<String> patterns) {
        return parse(patterns, false);
    }

    private static PathPatterns parse(List<String> patterns, boolean lenient) {
        boolean all = false;
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (String pattern : patterns) {
            check(pattern);
            if (pattern.equals("/*")) {
                all = true;
            } else if (pattern.endsWith("/*")) {
                prefixes.add(pattern.substring(0, pattern.length() - 2));
            } else {
                exact.add(lenient && pattern.length() > 1 && pattern.endsWith("/")
                        ? pattern.substring(0, pattern.length() - 1) : pattern);
            }
        }
        return new PathPatterns(all, exact, prefixes, lenient);
    }

    /** Fails with a message saying what a pattern may look like. */
    private static void check(String pattern) {
        String problem = null;
        if (pattern == null || !pattern.startsWith("/")) {
            problem = "must start with /";
        } else if (pattern.length() > MAX_PATTERN_LENGTH) {
            problem = "is longer than " + MAX_PATTERN_LENGTH + " characters";
        } else if (pattern.indexOf('*') >= 0 && (!pattern.endsWith("/*") || pattern.indexOf('*') != pattern.length() - 1)) {
            problem = "may contain * only as a final /* (use /exact or /prefix/*)";
        } else if (pattern.contains("//") || pattern.contains("/./") || pattern.contains("/../")
                || pattern.endsWith("/.") || pattern.endsWith("/..")) {
            problem = "must be a canonical path (no //, . or .. segments)";
        } else if (pattern.chars().anyMatch(c -> c <= ' ' || c >= 0x7f || c == ';' || c == '\\' || c == '%'
                || c == '?' || c == '#')) {
            problem = "may contain only visible ASCII without ; \\ % ? #";
        }
        if (problem != null) {
            throw new IllegalArgumentException("the pattern '" + pattern + "' " + problem);
        }
    }

    /** Whether {@code path} (canonical, starting with {@code /}) matches one of the patterns. */
    public boolean matches(String path) {
        if (matchesAll) {
            return true;
        }
        int length = path.length();
        if (lenient && length > 1 && path.charAt(length - 1) == '/') {
            length--;
        }
        for (String candidate : exact) {
            if (candidate.length() == length && path.regionMatches(lenient, 0, candidate, 0, length)) {
                return true;
            }
        }
        for (String prefix : prefixes) {
            int prefixLength = prefix.length();
            if (path.regionMatches(lenient, 0, prefix, 0, prefixLength)
                    && (path.length() == prefixLength || path.charAt(prefixLength) == '/')) {
                return true;
            }
        }
        return false;
    }
}
