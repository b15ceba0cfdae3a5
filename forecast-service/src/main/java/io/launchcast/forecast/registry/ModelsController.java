package io.launchcast.forecast.registry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import java.security.Principal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry over REST. Versions are numbered within a model group; the default group is configured
 * ({@code launchcast.registry.default-group}) and another can be named with {@code ?group=}.
 */
@RestController
@RequestMapping("/models")
class ModelsController {

    private final ModelRegistry registry;
    private final ModelLifecycle lifecycle;
    private final RegistryProperties properties;

    ModelsController(ModelRegistry registry, ModelLifecycle lifecycle, RegistryProperties properties) {
        this.registry = registry;
        this.lifecycle = lifecycle;
        this.properties = properties;
    }

    @GetMapping
    ModelList list(@RequestParam(required = false) String group) {
        String name = group == null ? properties.defaultGroup() : group;
        return new ModelList(name, registry.groups(), lifecycle.champion(name).map(ModelVersion::version).orElse(null),
                registry.versions(name));
    }

    @GetMapping("/champion")
    ModelVersion champion(@RequestParam(required = false) String group) {
        String name = group == null ? properties.defaultGroup() : group;
        return lifecycle.champion(name).orElseThrow(() -> new NoApprovedModelException(name));
    }

    @GetMapping("/{version}")
    ModelVersion version(@PathVariable int version, @RequestParam(required = false) String group) {
        return registry.version(group == null ? properties.defaultGroup() : group, version);
    }

    @PostMapping("/{version}/approval")
    ModelVersion decide(@PathVariable int version, @RequestParam(required = false) String group,
            @Valid @RequestBody ApprovalRequest request, Principal caller) {
        return lifecycle.decide(group == null ? properties.defaultGroup() : group, version,
                request.decision().status(), request.reason(), decidedBy(caller, request.decidedBy()));
    }

    @PostMapping("/champion/rollback")
    ModelVersion rollback(@RequestParam(required = false) String group, @Valid @RequestBody RollbackRequest request,
            Principal caller) {
        return lifecycle.rollback(group == null ? properties.defaultGroup() : group, request.reason(),
                decidedBy(caller, request.decidedBy()));
    }

    /**
     * Who decided: the authenticated caller, which the body cannot override; a name the body gives (a person
     * acting through a shared tool's token) is recorded next to it.
     */
    static String decidedBy(Principal caller, String onBehalfOf) {
        String who = caller == null ? "anonymous" : caller.getName();
        return onBehalfOf == null || onBehalfOf.isBlank() || onBehalfOf.equals(who) ? who
                : who + " (for " + onBehalfOf.substring(0, Math.min(onBehalfOf.length(), 100)) + ")";
    }

    /** The versions of one group, and which one serves. */
    record ModelList(String group, List<String> groups, Integer champion, List<ModelVersion> versions) {
    }

    enum Decision {
        approve(ApprovalStatus.Approved), reject(ApprovalStatus.Rejected);

        private final ApprovalStatus status;

        Decision(ApprovalStatus status) {
            this.status = status;
        }

        ApprovalStatus status() {
            return status;
        }
    }

    /** Approve or reject a version; the reason is kept in the version's history. */
    record ApprovalRequest(@NotNull Decision decision, @NotBlank String reason, String decidedBy) {
    }

    record RollbackRequest(@NotBlank String reason, String decidedBy) {
    }
}
