package io.launchcast.infra.catalog;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.launchcast.infra.SynthesizedApp;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class CatalogStackTest {

    @Test
    void theTransformJobRunsTheScriptEncryptedWithItsOwnRole() {
        Template catalog = SynthesizedApp.template(SynthesizedApp.staging().catalog());
        catalog.hasResourceProperties("AWS::Glue::Database", Map.of("DatabaseInput",
                Map.of("Name", SynthesizedApp.services().glueDatabase(), "Description", Match.anyValue())));
        catalog.hasResourceProperties("AWS::Glue::Job", Map.of(
                "Name", CatalogStack.TRANSFORM_JOB_NAME,
                "Command", Map.of("Name", "glueetl", "PythonVersion", "3", "ScriptLocation", Match.anyValue()),
                "SecurityConfiguration", "launchcast-transform",
                "GlueVersion", "4.0"));
        catalog.hasResourceProperties("AWS::Glue::SecurityConfiguration", Map.of("EncryptionConfiguration",
                Map.of("S3Encryptions", List.of(Match.objectLike(Map.of("S3EncryptionMode", "SSE-KMS"))),
                        "CloudWatchEncryption", Match.objectLike(Map.of("CloudWatchEncryptionMode", "SSE-KMS")),
                        "JobBookmarksEncryption", Match.objectLike(Map.of("JobBookmarksEncryptionMode", "CSE-KMS")))));
        // the job may touch the data bucket under ingestion/ only
        catalog.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", Match.arrayWith(List.of("s3:PutObject")),
                        "Resource", Match.arrayWith(List.of(Match.objectLike(Map.of("Fn::Join", Match.arrayWith(
                                List.of(Match.arrayWith(List.of("/ingestion/*")))))))))))))));
    }
}
