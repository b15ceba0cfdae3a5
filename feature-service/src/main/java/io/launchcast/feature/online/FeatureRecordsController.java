package io.launchcast.feature.online;

import io.launchcast.feature.group.FeatureGroupCatalog;
import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.platform.problem.ProblemTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Online reads: the latest record of one id, or of many at once. */
@RestController
@RequestMapping("/feature-groups")
class FeatureRecordsController {

    static final URI UNKNOWN_GROUP = URI.create(ProblemTypes.BASE + "unknown-feature-group");
    static final URI UNKNOWN_RECORD = URI.create(ProblemTypes.BASE + "unknown-feature-record");

    private final OnlineStore store;
    private final FeatureGroupCatalog catalog;
    private final JsonMapper json;

    FeatureRecordsController(OnlineStore store, FeatureGroupCatalog catalog, JsonMapper json) {
        this.store = store;
        this.catalog = catalog;
        this.json = json;
    }

    @GetMapping
    List<FeatureGroupCatalog.GroupDeclaration> groups() {
        return catalog.groups();
    }

    @GetMapping("/{group}/records/{id}")
    FeatureRecord record(@PathVariable String group, @PathVariable String id) {
        requireGroup(group);
        return store.get(group, id).orElseThrow(() -> new UnknownRecordException(group, id));
    }

    /**
     * Answers {@code {"records":[...],"missing":[...]}}; the records are copied as stored, without decoding and
     * re-encoding them (the bulk of a 1,000-record answer).
     */
    @PostMapping(value = "/{group}/records/batch-get", produces = MediaType.APPLICATION_JSON_VALUE)
    String batchGet(@PathVariable String group, @Valid @RequestBody BatchGetRequest request) {
        requireGroup(group);
        Map<String, String> found = store.getAllAsJson(group, request.ids());
        StringBuilder body = new StringBuilder(64 + found.size() * 256).append("{\"records\":[");
        boolean first = true;
        for (String record : found.values()) {
            body.append(first ? "" : ",").append(record);
            first = false;
        }
        body.append("],\"missing\":").append(json.writeValueAsString(
                request.ids().stream().filter(id -> !found.containsKey(id)).toList())).append('}');
        return body.toString();
    }

    private void requireGroup(String group) {
        if (catalog.group(group).isEmpty()) {
            throw new UnknownGroupException(group);
        }
    }

    @ExceptionHandler(UnknownGroupException.class)
    ProblemDetail unknownGroup(UnknownGroupException e) {
        ProblemDetail problem = ProblemTypes.problem(UNKNOWN_GROUP, HttpStatus.NOT_FOUND, "Unknown feature group",
                "no feature group named '" + e.group + "'");
        problem.setProperty("group", e.group);
        problem.setProperty("known", catalog.groups().stream().map(FeatureGroupCatalog.GroupDeclaration::name).toList());
        return problem;
    }

    @ExceptionHandler(UnknownRecordException.class)
    ProblemDetail unknownRecord(UnknownRecordException e) {
        ProblemDetail problem = ProblemTypes.problem(UNKNOWN_RECORD, HttpStatus.NOT_FOUND, "Unknown feature record",
                "feature group '" + e.group + "' holds no record '" + e.id + "'");
        problem.setProperty("group", e.group);
        problem.setProperty("recordId", e.id);
        return problem;
    }

    /** Ids to read; at most 10,000 per call. */
    record BatchGetRequest(@NotEmpty @Size(max = 10_000) List<String> ids) {
    }

    static final class UnknownGroupException extends RuntimeException {
        final String group;

        UnknownGroupException(String group) {
            this.group = group;
        }
    }

    static final class UnknownRecordException extends RuntimeException {
        final String group;
        final String id;

        UnknownRecordException(String group, String id) {
            this.group = group;
            this.id = id;
        }
    }
}
