package io.launchcast.ingestion.catalog.aws;

import io.launchcast.ingestion.catalog.CatalogException;
import io.launchcast.ingestion.catalog.DatasetCatalog;
import io.launchcast.ingestion.curated.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Registers each curated table of a version in the Glue Data Catalog as an external Parquet table
 * {@code <dataset>_<table>} whose location is the version's prefix: CreateTable the first time, UpdateTable
 * afterwards (Glue keeps the table's earlier versions), then BatchCreatePartition for the version's
 * partitions, and BatchUpdatePartition for the partitions an earlier version had already registered.
 */
public class GlueDatasetCatalog implements DatasetCatalog {

    static final int BATCH = 100;
    private static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    private static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    private static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    private final GlueClient glue;
    private final String database;
    private final Function<String, String> uriOfKey;

    /** @param uriOfKey the object store's key-to-URI function (s3://bucket/key) */
    public GlueDatasetCatalog(GlueClient glue, String database, Function<String, String> uriOfKey) {
        this.glue = glue;
        this.database = database;
        this.uriOfKey = uriOfKey;
    }

    @Override
    public void register(Manifest manifest) {
        try {
            for (Map.Entry<String, Manifest.TableRef> entry : manifest.tables().entrySet()) {
                register(manifest, entry.getKey(), entry.getValue());
            }
        } catch (SdkException e) {
            throw new CatalogException("Glue refused dataset " + manifest.dataset() + " version " + manifest.version()
                    + ": " + e.getMessage(), e);
        }
    }

    static String tableName(String dataset, String table) {
        return (dataset + "_" + table).replace('-', '_').toLowerCase(Locale.ROOT);
    }

    private void register(Manifest manifest, String table, Manifest.TableRef ref) {
        String name = tableName(manifest.dataset(), table);
        String location = uriOfKey.apply(Manifest.prefix(manifest.dataset(), manifest.version()) + table + "/");
        List<Column> partitionKeys = ref.partitionKeys().stream()
                .map(k -> Column.builder().name(k).type(k.endsWith("_year") ? "int" : "string").build()).toList();
        TableInput input = TableInput.builder()
                .name(name)
                .description("Launchcast curated " + table + " of dataset " + manifest.dataset())
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "parquet", "parquet.compression", "ZSTD",
                        "launchcast.dataset", manifest.dataset(), "launchcast.version", manifest.version(),
                        "launchcast.contentHash", manifest.contentHash(), "launchcast.schemaVersion",
                        manifest.schemaVersion()))
                .partitionKeys(partitionKeys)
                .storageDescriptor(descriptor(location, ref.columns().stream()
                        .map(c -> Column.builder().name(c.name()).type(glueType(c.type())).build()).toList()))
                .build();
        boolean exists;
        try {
            glue.getTable(b -> b.databaseName(database).name(name));
            exists = true;
        } catch (EntityNotFoundException e) {
            exists = false;
        }
        if (exists) {
            glue.updateTable(b -> b.databaseName(database).tableInput(input));
        } else {
            glue.createTable(b -> b.databaseName(database).tableInput(input));
        }
        if (!ref.partitionKeys().isEmpty()) {
            registerPartitions(name, location, Manifest.prefix(manifest.dataset(), manifest.version()) + table + "/", ref);
        }
    }

    /** Partition values are the manifest's (decoded); locations are the files' folders, escaped as written. */
    private void registerPartitions(String table, String location, String tablePrefix, Manifest.TableRef ref) {
        Map<List<String>, PartitionInput> partitions = new LinkedHashMap<>();
        for (Manifest.FileRef file : ref.files()) {
            List<String> values = ref.partitionKeys().stream().map(k -> file.partition().get(k)).toList();
            String path = file.key().substring(tablePrefix.length(), file.key().lastIndexOf('/') + 1);
            partitions.computeIfAbsent(values, v -> PartitionInput.builder().values(v)
                    .storageDescriptor(descriptor(location + path, List.of())).build());
        }
        List<PartitionInput> all = new ArrayList<>(partitions.values());
        List<PartitionInput> existing = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<PartitionInput> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            BatchCreatePartitionResponse response = glue.batchCreatePartition(b -> b.databaseName(database)
                    .tableName(table).partitionInputList(batch));
            for (PartitionError error : response.errors()) {
                if (error.errorDetail() != null && "AlreadyExistsException".equals(error.errorDetail().errorCode())) {
                    existing.add(partitions.get(error.partitionValues()));
                } else {
                    throw new CatalogException("Glue could not create partition " + error.partitionValues() + " of "
                            + table + ": " + (error.errorDetail() == null ? "" : error.errorDetail().errorMessage()), null);
                }
            }
        }
        // partitions an earlier version registered now point at this version's files
        for (int from = 0; from < existing.size(); from += BATCH) {
            List<BatchUpdatePartitionRequestEntry> entries = existing.subList(from, Math.min(existing.size(), from + BATCH))
                    .stream().map(p -> BatchUpdatePartitionRequestEntry.builder().partitionValueList(p.values())
                            .partitionInput(p).build()).toList();
            BatchUpdatePartitionResponse response = glue.batchUpdatePartition(b -> b.databaseName(database)
                    .tableName(table).entries(entries));
            if (!response.errors().isEmpty()) {
                throw new CatalogException("Glue could not update partitions of " + table + ": "
                        + response.errors().get(0).errorDetail().errorMessage(), null);
            }
        }
    }

    private static StorageDescriptor descriptor(String location, List<Column> columns) {
        StorageDescriptor.Builder descriptor = StorageDescriptor.builder().location(location)
                .inputFormat(PARQUET_INPUT).outputFormat(PARQUET_OUTPUT).compressed(true)
                .serdeInfo(SerDeInfo.builder().serializationLibrary(PARQUET_SERDE)
                        .parameters(Map.of("serialization.format", "1")).build());
        if (!columns.isEmpty()) {
            descriptor.columns(columns);
        }
        return descriptor.build();
    }

    /** DuckDB's SQL type names (as the manifest records them) to Hive/Glue type names. */
    static String glueType(String sqlType) {
        String type = sqlType.toUpperCase(Locale.ROOT);
        if (type.startsWith("DECIMAL")) {
            return type.toLowerCase(Locale.ROOT);
        }
        return switch (type) {
            case "BIGINT", "INTEGER_LONG", "INTEGER" -> type.equals("INTEGER") ? "int" : "bigint";
            case "DOUBLE" -> "double";
            case "FLOAT" -> "float";
            case "DATE" -> "date";
            case "TIMESTAMP" -> "timestamp";
            case "BOOLEAN" -> "boolean";
            default -> "string";
        };
    }
}
