package io.launchcast.ingestion.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.ingestion.catalog.CatalogException;
import io.launchcast.ingestion.catalog.DatasetCatalog;
import io.launchcast.ingestion.catalog.DatasetCatalogContract;
import io.launchcast.ingestion.curated.Manifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Request shapes of the Glue Data Catalog registration, as the real SDK sends them. */
class GlueDatasetCatalogTest implements DatasetCatalogContract {

    static final String VERSION = "20240101T000000Z-0123456789ab";

    final GlueStub glue = new GlueStub();
    final GlueDatasetCatalog catalog = new GlueDatasetCatalog(glue.client, "launchcast", key -> "s3://launchcast/" + key);

    @AfterEach
    void stop() {
        glue.close();
    }

    @Override
    public DatasetCatalog catalog() {
        // a table Glue does not know yet, unless alreadyRegistered() said otherwise
        if (glue.server.getStubMappings().isEmpty()) {
            glue.answer("GetTable", 400, "{\"__type\":\"EntityNotFoundException\",\"Message\":\"no table\"}");
            glue.answer("CreateTable", 200, "{}");
            glue.answer("BatchCreatePartition", 200, "{\"Errors\":[]}");
        }
        return catalog;
    }

    @Override
    public Manifest manifest() {
        return DatasetCatalogContract.sampleManifest(VERSION);
    }

    @Override
    public void alreadyRegistered() {
        glue.answer("GetTable", 200, "{\"Table\":{\"Name\":\"shop_sales\",\"DatabaseName\":\"launchcast\"}}");
        glue.answer("UpdateTable", 200, "{}");
        glue.answer("BatchCreatePartition", 200, "{\"Errors\":[{\"PartitionValues\":[\"eu\",\"2023\"],"
                + "\"ErrorDetail\":{\"ErrorCode\":\"AlreadyExistsException\",\"ErrorMessage\":\"exists\"}},"
                + "{\"PartitionValues\":[\"eu\",\"2024\"],"
                + "\"ErrorDetail\":{\"ErrorCode\":\"AlreadyExistsException\",\"ErrorMessage\":\"exists\"}}]}");
        glue.answer("BatchUpdatePartition", 200, "{\"Errors\":[]}");
    }

    @Test
    void createsTablesAndPartitionsOnFirstPublication() {
        glue.answer("GetTable", 400, "{\"__type\":\"EntityNotFoundException\",\"Message\":\"no table\"}");
        glue.answer("CreateTable", 200, "{}");
        glue.answer("BatchCreatePartition", 200, "{\"Errors\":[]}");

        catalog.register(manifest());

        assertThat(glue.operations()).containsExactly("GetTable", "CreateTable", "GetTable", "CreateTable",
                "BatchCreatePartition");
        JsonNode sales = glue.bodies("CreateTable").get(1);
        assertThat(sales.get("DatabaseName").asString()).isEqualTo("launchcast");
        JsonNode table = sales.get("TableInput");
        assertThat(table.get("Name").asString()).isEqualTo("shop_sales");
        assertThat(table.get("TableType").asString()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.at("/Parameters/classification").asString()).isEqualTo("parquet");
        assertThat(table.at("/Parameters/launchcast.version").asString()).isEqualTo(VERSION);
        assertThat(table.at("/StorageDescriptor/Location").asString())
                .isEqualTo("s3://launchcast/curated/shop/v=" + VERSION + "/sales/");
        assertThat(table.at("/StorageDescriptor/SerdeInfo/SerializationLibrary").asString()).endsWith("ParquetHiveSerDe");
        assertThat(table.at("/StorageDescriptor/Columns").toString())
                .isEqualTo("[{\"Name\":\"product_id\",\"Type\":\"string\"},{\"Name\":\"period_start\",\"Type\":\"date\"},"
                        + "{\"Name\":\"units\",\"Type\":\"bigint\"}]");
        assertThat(table.get("PartitionKeys").toString())
                .isEqualTo("[{\"Name\":\"region\",\"Type\":\"string\"},{\"Name\":\"period_year\",\"Type\":\"int\"}]");
        JsonNode partitions = glue.bodies("BatchCreatePartition").get(0);
        assertThat(partitions.get("TableName").asString()).isEqualTo("shop_sales");
        assertThat(partitions.at("/PartitionInputList/0/Values").toString()).isEqualTo("[\"eu\",\"2023\"]");
        assertThat(partitions.at("/PartitionInputList/1/StorageDescriptor/Location").asString())
                .isEqualTo("s3://launchcast/curated/shop/v=" + VERSION + "/sales/region=eu/period_year=2024/");
    }

    @Test
    void registersDecodedPartitionValuesAtTheEscapedFoldersTheFilesAreIn() {
        glue.answer("GetTable", 400, "{\"__type\":\"EntityNotFoundException\",\"Message\":\"no table\"}");
        glue.answer("CreateTable", 200, "{}");
        glue.answer("BatchCreatePartition", 200, "{\"Errors\":[]}");
        String prefix = Manifest.prefix("shop", VERSION);
        Manifest sample = manifest();
        var sales = sample.tables().get("sales");
        sample.tables().put("sales", new Manifest.TableRef(sales.rows(), sales.columns(), sales.partitionKeys(), List.of(
                new Manifest.FileRef(prefix + "sales/region=US%2FEast/period_year=2024/part-0.parquet", 10,
                        Map.of("region", "US/East", "period_year", "2024")))));

        catalog.register(sample);

        JsonNode partition = glue.bodies("BatchCreatePartition").get(0).at("/PartitionInputList/0");
        assertThat(partition.get("Values").toString()).isEqualTo("[\"US/East\",\"2024\"]");
        assertThat(partition.at("/StorageDescriptor/Location").asString())
                .isEqualTo("s3://launchcast/curated/shop/v=" + VERSION + "/sales/region=US%2FEast/period_year=2024/");
    }

    @Test
    void updatesTheTableAndRepointsPartitionsAnEarlierVersionRegistered() {
        glue.answer("GetTable", 200, "{\"Table\":{\"Name\":\"shop_sales\",\"DatabaseName\":\"launchcast\"}}");
        glue.answer("UpdateTable", 200, "{}");
        glue.answer("BatchCreatePartition", 200, "{\"Errors\":[{\"PartitionValues\":[\"eu\",\"2023\"],"
                + "\"ErrorDetail\":{\"ErrorCode\":\"AlreadyExistsException\",\"ErrorMessage\":\"exists\"}}]}");
        glue.answer("BatchUpdatePartition", 200, "{\"Errors\":[]}");

        catalog.register(manifest());

        assertThat(glue.operations()).containsExactly("GetTable", "UpdateTable", "GetTable", "UpdateTable",
                "BatchCreatePartition", "BatchUpdatePartition");
        assertThat(glue.bodies("UpdateTable").get(0).at("/TableInput/Name").asString()).isEqualTo("shop_products");
        JsonNode update = glue.bodies("BatchUpdatePartition").get(0);
        assertThat(update.get("Entries")).hasSize(1);
        assertThat(update.at("/Entries/0/PartitionValueList").toString()).isEqualTo("[\"eu\",\"2023\"]");
        assertThat(update.at("/Entries/0/PartitionInput/StorageDescriptor/Location").asString())
                .isEqualTo("s3://launchcast/curated/shop/v=" + VERSION + "/sales/region=eu/period_year=2023/");
    }

    @Test
    void wrapsGlueRefusalsInTheCatalogException() {
        glue.answer("GetTable", 400, "{\"__type\":\"AccessDeniedException\",\"Message\":\"denied\"}");

        assertThatThrownBy(() -> catalog.register(manifest())).isInstanceOf(CatalogException.class)
                .hasMessageContaining("shop").hasMessageContaining("denied");
    }

    @Test
    void mapsManifestTypesToHiveTypes() {
        assertThat(GlueDatasetCatalog.glueType("VARCHAR")).isEqualTo("string");
        assertThat(GlueDatasetCatalog.glueType("BIGINT")).isEqualTo("bigint");
        assertThat(GlueDatasetCatalog.glueType("INTEGER")).isEqualTo("int");
        assertThat(GlueDatasetCatalog.glueType("DECIMAL(8,2)")).isEqualTo("decimal(8,2)");
        assertThat(GlueDatasetCatalog.tableName("my-shop", "sales")).isEqualTo("my_shop_sales");
    }
}
