package io.launchcast.infra.compute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.launchcast.infra.config.ServiceConfiguration;

/**
 * Which load balancer paths go to which service, derived from the paths each service protects
 * ({@code launchcast.security.access}): a service answers exactly the paths it has rules for, so a new endpoint
 * with a rule is routed without touching the infra code. Each first path segment {@code /x} routes {@code /x}
 * and {@code /x/*}.
 */
public final class ServiceRoutes {

    /** An ALB condition takes at most five path patterns. */
    static final int PATTERNS_PER_RULE = 5;

    private ServiceRoutes() {
    }

    /** Service to the path patterns it answers, in order. */
    public static Map<String, List<String>> of(ServiceConfiguration services) {
        Map<String, List<String>> routes = new LinkedHashMap<>();
        for (String service : ServiceConfiguration.SERVICES) {
            Set<String> patterns = new LinkedHashSet<>();
            for (String path : services.accessPaths(service)) {
                String segment = firstSegment(path);
                patterns.add(segment);
                patterns.add(segment + "/*");
            }
            routes.put(service, List.copyOf(patterns));
        }
        return routes;
    }

    /** The patterns of one service, in groups that fit one listener rule each. */
    static List<List<String>> rules(List<String> patterns) {
        List<List<String>> rules = new ArrayList<>();
        for (int from = 0; from < patterns.size(); from += PATTERNS_PER_RULE) {
            rules.add(patterns.subList(from, Math.min(patterns.size(), from + PATTERNS_PER_RULE)));
        }
        return rules;
    }

    static String firstSegment(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        String segment = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (segment.isEmpty() || segment.contains("*")) {
            throw new IllegalArgumentException("access path " + path + " has no literal first segment to route by");
        }
        return "/" + segment;
    }
}
