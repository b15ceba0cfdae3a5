package io.launchcast.platform.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of event types the platform knows how to carry, and a source of event ids. */
public final class Events {

    private static final List<Class<? extends LaunchcastEvent>> TYPES = List.of(
            ObjectCreated.class, DatasetPublished.class, FeaturesUpdated.class, ModelRegistered.class,
            ModelApprovalChanged.class, AlarmRaised.class);

    private static final Map<String, Class<? extends LaunchcastEvent>> BY_NAME = TYPES.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private Events() {
    }

    /** The event class travelling under {@code name}, if the platform knows it. */
    public static Optional<Class<? extends LaunchcastEvent>> typeNamed(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static List<Class<? extends LaunchcastEvent>> types() {
        return TYPES;
    }

    public static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
