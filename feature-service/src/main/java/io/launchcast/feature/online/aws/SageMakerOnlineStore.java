package io.launchcast.feature.online.aws;

import io.launchcast.feature.group.FeatureGroupCatalog;
import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.feature.group.FeatureType;
import io.launchcast.feature.online.OnlineStore;
import io.launchcast.feature.online.OnlineStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.BatchGetRecordIdentifier;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.BatchGetRecordResultDetail;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.FeatureValue;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.GetRecordResponse;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.model.ResourceNotFoundException;

/**
 * The online store on SageMaker Feature Store: PutRecord per record, GetRecord, and BatchGetRecord in chunks of
 * 100 identifiers (the API's limit). Feature Store itself keeps the record with the latest event time, the same
 * rule the local store applies. Before records naming a feature the group does not define yet are written, the
 * group gains that feature ({@link FeatureGroupSchemas}).
 */
public class SageMakerOnlineStore implements OnlineStore {

    static final int BATCH_LIMIT = 100;

    private final SageMakerFeatureStoreRuntimeClient runtime;
    private final FeatureGroupCatalog catalog;
    private final FeatureGroupSchemas schemas;
    private final tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();

    /**
     * @param catalog names the record-id and event-time features and types every other feature
     * @param schemas adds the features a write names to its group first
     */
    SageMakerOnlineStore(SageMakerFeatureStoreRuntimeClient runtime, FeatureGroupCatalog catalog,
            FeatureGroupSchemas schemas) {
        this.runtime = runtime;
        this.catalog = catalog;
        this.schemas = schemas;
    }

    @Override
    public void put(String group, Collection<FeatureRecord> records) {
        Map<String, FeatureType> features = new LinkedHashMap<>();
        for (FeatureRecord record : records) {
            record.values().keySet().forEach(name -> features.putIfAbsent(FeatureNames.encode(name), catalog.typeOf(name)));
        }
        if (!features.isEmpty()) {
            schemas.ensureDefined(group, features);
        }
        for (FeatureRecord record : records) {
            List<FeatureValue> values = new ArrayList<>();
            values.add(FeatureValue.builder().featureName(catalog.recordIdentifierName())
                    .valueAsString(record.recordId()).build());
            values.add(FeatureValue.builder().featureName(catalog.eventTimeName())
                    .valueAsString(record.eventTime().toString()).build());
            record.values().forEach((name, value) -> values.add(FeatureValue.builder()
                    .featureName(FeatureNames.encode(name)).valueAsString(value.toString()).build()));
            call("PutRecord " + group + "/" + record.recordId(),
                    () -> runtime.putRecord(b -> b.featureGroupName(group).record(values)));
        }
    }

    @Override
    public Optional<FeatureRecord> get(String group, String recordId) {
        try {
            GetRecordResponse response = runtime.getRecord(b -> b.featureGroupName(group)
                    .recordIdentifierValueAsString(recordId));
            return response.hasRecord() && !response.record().isEmpty()
                    ? Optional.of(decode(response.record())) : Optional.empty();
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new OnlineStoreException("GetRecord " + group + "/" + recordId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, FeatureRecord> getAll(String group, List<String> recordIds) {
        Map<String, FeatureRecord> found = new LinkedHashMap<>();
        for (int from = 0; from < recordIds.size(); from += BATCH_LIMIT) {
            List<String> chunk = recordIds.subList(from, Math.min(recordIds.size(), from + BATCH_LIMIT));
            var response = call("BatchGetRecord " + group, () -> runtime.batchGetRecord(b -> b.identifiers(
                    BatchGetRecordIdentifier.builder().featureGroupName(group).recordIdentifiersValueAsString(chunk)
                            .build())));
            if (!response.errors().isEmpty()) {
                throw new OnlineStoreException("BatchGetRecord " + group + " reported errors: " + response.errors(), null);
            }
            for (BatchGetRecordResultDetail detail : response.records()) {
                FeatureRecord record = decode(detail.record());
                found.put(record.recordId(), record);
            }
        }
        // answer in the order asked, as the local store does
        Map<String, FeatureRecord> ordered = new LinkedHashMap<>();
        recordIds.forEach(id -> {
            if (found.containsKey(id)) {
                ordered.put(id, found.get(id));
            }
        });
        return ordered;
    }

    @Override
    public Map<String, String> getAllAsJson(String group, List<String> recordIds) {
        Map<String, String> encoded = new LinkedHashMap<>();
        getAll(group, recordIds).forEach((id, record) -> encoded.put(id, json.writeValueAsString(record)));
        return encoded;
    }

    private FeatureRecord decode(List<FeatureValue> values) {
        String id = null;
        Instant eventTime = null;
        Map<String, Object> features = new LinkedHashMap<>();
        for (FeatureValue value : values) {
            String name = FeatureNames.decode(value.featureName());
            if (name.equals(catalog.recordIdentifierName())) {
                id = value.valueAsString();
            } else if (name.equals(catalog.eventTimeName())) {
                eventTime = Instant.parse(value.valueAsString());
            } else {
                FeatureType type = catalog.typeOf(name);
                features.put(name, type == FeatureType.String ? value.valueAsString() : Double.valueOf(value.valueAsString()));
            }
        }
        return new FeatureRecord(id, eventTime, features);
    }

    private static <T> T call(String operation, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw new OnlineStoreException(operation + " failed: " + e.getMessage(), e);
        }
    }
}
