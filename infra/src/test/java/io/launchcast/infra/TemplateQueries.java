package io.launchcast.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.assertions.Template;

/** Small reads of a synthesized template that several tests need. */
public final class TemplateQueries {

    private TemplateQueries() {
    }

    /** The whole template as JSON text, for "does this name appear" questions. */
    public static String json(Template template) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(template.toJSON());
    }

    /** The resources of a type: logical id to resource (Type, Properties...). */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> resources(Template template, String type) {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) template.findResources(type);
    }

    /** One property of every resource of a type, e.g. every QueueName. */
    @SuppressWarnings("unchecked")
    public static List<Object> property(Template template, String type, String property) {
        List<Object> values = new ArrayList<>();
        resources(template, type).values().forEach(resource -> {
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            if (properties != null && properties.containsKey(property)) {
                values.add(properties.get(property));
            }
        });
        return values;
    }

    /** The environment of the container of a service's task definition: name to value. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> containerEnvironment(Template template, String service) {
        for (Map<String, Object> task : resources(template, "AWS::ECS::TaskDefinition").values()) {
            Map<String, Object> properties = (Map<String, Object>) task.get("Properties");
            if (!("launchcast-" + service).equals(properties.get("Family"))) {
                continue;
            }
            Map<String, Object> container = ((List<Map<String, Object>>) properties.get("ContainerDefinitions")).get(0);
            Map<String, Object> environment = new java.util.LinkedHashMap<>();
            ((List<Map<String, Object>>) container.getOrDefault("Environment", List.of()))
                    .forEach(variable -> environment.put((String) variable.get("Name"), variable.get("Value")));
            return environment;
        }
        throw new AssertionError("no task definition launchcast-" + service);
    }

    /** The names of the secrets ECS injects into a service's container ({@code Secrets}). */
    @SuppressWarnings("unchecked")
    public static java.util.Set<String> containerSecrets(Template template, String service) {
        for (Map<String, Object> task : resources(template, "AWS::ECS::TaskDefinition").values()) {
            Map<String, Object> properties = (Map<String, Object>) task.get("Properties");
            if (("launchcast-" + service).equals(properties.get("Family"))) {
                Map<String, Object> container = ((List<Map<String, Object>>) properties.get("ContainerDefinitions")).get(0);
                java.util.Set<String> names = new java.util.TreeSet<>();
                ((List<Map<String, Object>>) container.getOrDefault("Secrets", List.of()))
                        .forEach(secret -> names.add((String) secret.get("Name")));
                return names;
            }
        }
        throw new AssertionError("no task definition launchcast-" + service);
    }
}
