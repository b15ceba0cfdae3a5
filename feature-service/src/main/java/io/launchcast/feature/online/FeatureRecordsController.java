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
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Online reads: the latest record of one id, or of many at once. */
@RestController
@RequestMapping("/feature-groups")
class FeatureRecordsController {

    static final URI UNKNOWN_GROUP = URI.create(ProblemTypes.BASE + "unknown-feature-group");
    static final URI UNKNOWN_RECORD = URI.create(ProblemTypes.BASE + "unknown-feature-record");

    private final OnlineStore store;
    private final FeatureGroupCatalog catalog;

    FeatureRecordsController(OnlineStore store, FeatureGroupCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
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

    @PostMapping("/{group}/records/batch-get")
    BatchRecords batchGet(@PathVariable String group, @Valid @RequestBody BatchGetRequest request) {
        requireGroup(group);
        Map<String, FeatureRecord> found = store.getAll(group, request.ids());
        return new BatchRecords(List.copyOf(found.values()),
                request.ids().stream().filter(id -> !found.containsKey(id)).toList());
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

    /** The records found, in the order asked, and the ids that have none. */
    record BatchRecords(List<FeatureRecord> records, List<String> missing) {
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
