package io.descopefilter.jakarta.internal.http;

import io.descopefilter.core.DescopeSession;
import io.descopefilter.jakarta.DescopePrincipal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The roles paths need (setting {@code requiredRoles}, e.g. {@code /admin/*=admin}): a request for a path holds
 * every role of the rules that match it, by {@link DescopePrincipal#hasRole} (project level or current tenant).
 * Patterns are matched like protected paths, leniently.
 */
public final class RoleRules {

    private static final Pattern ROLE = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private record Rule(PathPatterns paths, String role) {
    }

    private final List<Rule> rules;

    private RoleRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Parses {@code pattern=role} entries; the exception says which entry is wrong. */
    public static RoleRules parse(List<String> entries) {
        List<Rule> rules = new ArrayList<>();
        for (String entry : entries) {
            int equals = entry.lastIndexOf('=');
            String role = equals < 0 ? "" : entry.substring(equals + 1).strip();
            if (equals <= 0 || !ROLE.matcher(role).matches()) {
                throw new IllegalArgumentException("'" + entry + "' is not a pattern=role pair such as /admin/*=admin");
            }
            rules.add(new Rule(PathPatterns.forProtected(List.of(entry.substring(0, equals).strip())), role));
        }
        return new RoleRules(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Whether the user of {@code session} lacks a role that {@code path} needs; allocates nothing without rules. */
    public boolean forbids(String path, DescopeSession session) {
        for (Rule rule : rules) {
            if (rule.paths().matches(path) && !new DescopePrincipal(session).hasRole(rule.role())) {
                return true;
            }
        }
        return false;
    }
}
