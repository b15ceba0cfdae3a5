package io.launchcast.infra.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The resource names and settings the services read in the {@code aws} profile, read from the services' own
 * configuration files in the repository: the one place they are written. The CDK app builds every queue,
 * bucket, feature group and metric widget from this, so renaming a queue in a service's YAML renames it here.
 *
 * <p>Spring's rules are followed as far as the files use them: documents without a profile apply first, then
 * those activated by {@code aws}; {@code ${VAR:default}} resolves to its default (the value a deployment gets
 * unless the task definition overrides it). Where a setting has no YAML value, the {@code @DefaultValue} of its
 * {@code @ConfigurationProperties} record is the value the service uses, and is read from that record's source.
 */
public final class ServiceConfiguration {

    /** The four services, by module directory. */
    public static final List<String> SERVICES = List.of("ingestion-service", "feature-service", "forecast-service",
            "monitor-service");

    private static final String PLATFORM_YAML = "platform/src/main/resources/launchcast-platform.yml";
    private static final String FEATURE_GROUPS_YAML = "feature-service/src/main/resources/feature-groups.yml";
    private static final String CAPTURE_PROPERTIES =
            "forecast-service/src/main/java/io/launchcast/forecast/capture/CaptureProperties.java";
    private static final String REGISTRY_PROPERTIES =
            "forecast-service/src/main/java/io/launchcast/forecast/registry/RegistryProperties.java";
    private static final String CATALOG_PROPERTIES =
            "ingestion-service/src/main/java/io/launchcast/ingestion/catalog/CatalogProperties.java";
    private static final String SECURITY_PROPERTIES =
            "platform/src/main/java/io/launchcast/platform/security/SecurityProperties.java";
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{[^:}]+:?([^}]*)}$");
    /** A placeholder without a default: the service cannot start unless its environment sets the variable. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Path root;
    private final List<JsonNode> platform;
    private final Map<String, List<JsonNode>> services = new LinkedHashMap<>();

    private ServiceConfiguration(Path root) {
        this.root = root;
        this.platform = documents(root.resolve(PLATFORM_YAML));
        for (String service : SERVICES) {
            services.put(service, documents(root.resolve(service).resolve("src/main/resources/application.yml")));
        }
    }

    /** Reads the configuration of the repository at {@code root} (the directory holding the root pom). */
    public static ServiceConfiguration of(Path root) {
        return new ServiceConfiguration(root.toAbsolutePath().normalize());
    }

    /**
     * The repository around the working directory: {@code cdk synth} and the tests run in {@code infra/}, a
     * developer may run the app from the root.
     */
    public static ServiceConfiguration ofWorkingDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve(PLATFORM_YAML))) {
                return of(candidate);
            }
        }
        throw new IllegalStateException("no Launchcast repository (" + PLATFORM_YAML + ") at or above " + dir);
    }

    public Path root() {
        return root;
    }

    /** {@code launchcast.object-store.bucket}: the one bucket of the suite (its base name; S3 names are global). */
    public String bucket() {
        return platformValue("/launchcast/object-store/bucket").orElseThrow();
    }

    /** The subscription table {@code launchcast.events.routes}: event type to the queues it is delivered to. */
    public Map<String, List<String>> eventRoutes() {
        Map<String, List<String>> routes = new LinkedHashMap<>();
        effective(platform, "/launchcast/events/routes").ifPresent(node -> node.properties()
                .forEach(e -> routes.put(e.getKey(), strings(e.getValue()))));
        return routes;
    }

    /** {@code launchcast.events.inbox} of a service: the queues it reads. */
    public List<String> inbox(String service) {
        return effective(services.get(service), "/launchcast/events/inbox").map(ServiceConfiguration::strings)
                .orElse(List.of());
    }

    /** Every queue a service reads or an event is routed to, in a stable order. */
    public Set<String> queues() {
        Set<String> queues = new LinkedHashSet<>();
        SERVICES.forEach(service -> queues.addAll(inbox(service)));
        eventRoutes().values().forEach(queues::addAll);
        return queues;
    }

    /** The port a service listens on ({@code server.port}, its placeholder's default). */
    public int port(String service) {
        return Integer.parseInt(effective(services.get(service), "/server/port").map(ServiceConfiguration::text)
                .orElseThrow(() -> new IllegalStateException(service + " sets no server.port")));
    }

    /** The path patterns of a service's access rules ({@code launchcast.security.access[*].paths}). */
    public List<String> accessPaths(String service) {
        List<String> paths = new ArrayList<>();
        effective(services.get(service), "/launchcast/security/access")
                .ifPresent(rules -> rules.values().forEach(rule -> paths.addAll(strings(rule.path("paths")))));
        return paths;
    }

    /** The CloudWatch namespace of the services' metrics in the aws profile. */
    public String metricNamespace() {
        return platformValue("/management/cloudwatch/metrics/export/namespace").orElseThrow(
                () -> new IllegalStateException("no management.cloudwatch.metrics.export.namespace in the aws profile"));
    }

    /** {@code launchcast.pipeline.sagemaker.pipeline-name}: the SageMaker pipeline forecast-service creates. */
    public String pipelineName() {
        return platformValue("/launchcast/pipeline/sagemaker/pipeline-name").orElseThrow(
                () -> new IllegalStateException("no launchcast.pipeline.sagemaker.pipeline-name in the aws profile"));
    }

    /** The model package group forecast-service registers to and serves from ({@code launchcast.registry.default-group}). */
    public String modelPackageGroup() {
        return serviceValue("forecast-service", "/launchcast/registry/default-group")
                .orElseGet(() -> javaDefault(REGISTRY_PROPERTIES, "String defaultGroup"));
    }

    /** The model groups monitor-service watches ({@code launchcast.monitor.models[*].group}). */
    public List<String> monitoredModelGroups() {
        return monitoredModels("group");
    }

    /** The capture endpoint names monitor-service reads ({@code launchcast.monitor.models[*].endpoint}). */
    public List<String> monitoredEndpoints() {
        return monitoredModels("endpoint");
    }

    /** {@code launchcast.capture.endpoint-name}: the endpoint the forecast container serves and captures as. */
    public String captureEndpointName() {
        return serviceValue("forecast-service", "/launchcast/capture/endpoint-name")
                .orElseGet(() -> javaDefault(CAPTURE_PROPERTIES, "String endpointName"));
    }

    /** {@code launchcast.capture.sampling-percentage}. */
    public int captureSamplingPercentage() {
        return Integer.parseInt(serviceValue("forecast-service", "/launchcast/capture/sampling-percentage")
                .orElseGet(() -> javaDefault(CAPTURE_PROPERTIES, "int samplingPercentage")));
    }

    /** {@code launchcast.capture.retention}: how long captured records are kept (the sweep the S3 rule replaces). */
    public Duration captureRetention() {
        return duration(serviceValue("forecast-service", "/launchcast/capture/retention")
                .orElseGet(() -> javaDefault(CAPTURE_PROPERTIES, "Duration retention")));
    }

    /** {@code launchcast.ingestion.catalog.database}: the Glue database ingestion registers its tables in. */
    public String glueDatabase() {
        return serviceValue("ingestion-service", "/launchcast/ingestion/catalog/database")
                .orElseGet(() -> javaDefault(CATALOG_PROPERTIES, "String database"));
    }

    /**
     * The value a service binds for a setting in the aws profile, e.g. {@code /launchcast/registry/type}: its own
     * file's, else the shared file's (no Java default).
     */
    public Optional<String> awsSetting(String service, String pointer) {
        return serviceValue(service, pointer);
    }

    /**
     * The environment variables a service needs in the aws profile: the placeholders without a default
     * ({@code ${NAME}}) of the documents that apply (no profile, or {@code aws}) in its file and the shared one.
     */
    public Set<String> requiredEnvironment(String service) {
        Set<String> names = new java.util.TreeSet<>();
        for (List<JsonNode> documents : List.of(platform, services.get(service))) {
            for (JsonNode document : documents) {
                String profile = text(document.at("/spring/config/activate/on-profile"));
                if (profile.isEmpty() || profile.equals("aws")) {
                    collectRequiredVariables(document, names);
                }
            }
        }
        return names;
    }

    private static void collectRequiredVariables(JsonNode node, Set<String> names) {
        if (node.isString()) {
            Matcher variable = REQUIRED_VARIABLE.matcher(node.asString());
            while (variable.find()) {
                names.add(variable.group(1));
            }
        }
        node.values().forEach(child -> collectRequiredVariables(child, names));
    }

    /** {@code launchcast.security.role-scope-prefix}: a machine client's scope {@code <prefix><role>} grants the role. */
    public String roleScopePrefix() {
        return platformValue("/launchcast/security/role-scope-prefix")
                .orElseGet(() -> javaDefault(SECURITY_PROPERTIES, "String roleScopePrefix"));
    }

    /**
     * The scopes monitor-service's retraining client asks for: those of the OAuth2 client registration that
     * {@code launchcast.monitor.retraining.client-registration} names in the aws profile.
     */
    public List<String> monitorClientScopes() {
        String registration = serviceValue("monitor-service", "/launchcast/monitor/retraining/client-registration")
                .filter(name -> !name.isBlank()).orElseThrow(() -> new IllegalStateException(
                        "monitor-service's aws profile names no launchcast.monitor.retraining.client-registration"));
        JsonNode scope = effective(services.get("monitor-service"),
                "/spring/security/oauth2/client/registration/" + registration + "/scope")
                .orElseThrow(() -> new IllegalStateException("the client registration " + registration + " has no scope"));
        return scope.isArray() ? strings(scope) : List.of(text(scope).split("\\s*,\\s*"));
    }

    /** The alarm name prefixes of monitor-service's alarm policies ({@code launchcast.monitor.alarms.policies}). */
    public List<String> monitorAlarmPrefixes() {
        List<String> prefixes = new ArrayList<>();
        effective(services.get("monitor-service"), "/launchcast/monitor/alarms/policies")
                .ifPresent(policies -> policies.values().forEach(policy -> prefixes.add(text(policy.path("alarm-prefix")))));
        return prefixes;
    }

    /** The feature groups feature-service writes ({@code feature-groups.yml}). */
    public FeatureGroups featureGroups() {
        try {
            return YAML.readValue(Files.readString(root.resolve(FEATURE_GROUPS_YAML)), FeatureGroups.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The feature groups file: record identifier and event time of every group, and the groups. */
    public record FeatureGroups(String version, String recordIdentifierName, String eventTimeName,
            List<String> stringPrefixes, List<Group> groups) {

        /** One group: its name is the SageMaker feature group name. */
        public record Group(String name, String description, List<String> prefixes) {
        }

        public List<String> names() {
            return groups.stream().map(Group::name).toList();
        }
    }

    private List<String> monitoredModels(String field) {
        List<String> values = new ArrayList<>();
        effective(services.get("monitor-service"), "/launchcast/monitor/models")
                .ifPresent(models -> models.values().forEach(model -> values.add(text(model.path(field)))));
        return values.stream().distinct().toList();
    }

    private Optional<String> platformValue(String pointer) {
        return effective(platform, pointer).map(ServiceConfiguration::text);
    }

    private Optional<String> serviceValue(String service, String pointer) {
        return effective(services.get(service), pointer).or(() -> effective(platform, pointer))
                .map(ServiceConfiguration::text);
    }

    /** The value Spring would bind in the aws profile: the last document (default, then aws) that sets it. */
    private static Optional<JsonNode> effective(List<JsonNode> documents, String pointer) {
        JsonNode found = null;
        for (JsonNode document : documents) {
            String profile = text(document.at("/spring/config/activate/on-profile"));
            if (profile.isEmpty() || profile.equals("aws")) {
                JsonNode value = document.at(pointer);
                if (!value.isMissingNode() && !value.isNull()) {
                    found = value;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private String javaDefault(String source, String parameter) {
        try {
            String text = Files.readString(root.resolve(source));
            Matcher matcher = Pattern.compile("@DefaultValue\\(\"([^\"]*)\"\\)(?:\\s+@\\w+(?:\\([^)]*\\))?)*\\s+"
                    + Pattern.quote(parameter).replace(" ", "\\E\\s+\\Q") + "\\b").matcher(text);
            if (!matcher.find()) {
                throw new IllegalStateException("no @DefaultValue for '" + parameter + "' in " + source);
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> documents(Path file) {
        try {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file)).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.values().forEach(value -> values.add(text(value)));
        return values;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        String value = node.asString();
        Matcher placeholder = PLACEHOLDER.matcher(value);
        return placeholder.matches() ? placeholder.group(1) : value;
    }

    /** Spring Boot's simple duration format ({@code 30d}, {@code 12h}, {@code 90s}) or ISO-8601. */
    static Duration duration(String value) {
        Matcher simple = Pattern.compile("^(\\d+)(ms|s|m|h|d)?$").matcher(value.trim());
        if (!simple.matches()) {
            return Duration.parse(value.trim());
        }
        long amount = Long.parseLong(simple.group(1));
        String unit = simple.group(2) == null ? "ms" : simple.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofMillis(amount);
        };
    }
}
