package io.launchcast.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.launchcast.infra.SynthesizedApp;
import io.launchcast.infra.TemplateQueries;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DeliveryStackTest {

    @Test
    void thePipelineBuildsTestsDeploysStagingWaitsForApprovalThenProduction() {
        Template delivery = SynthesizedApp.template(SynthesizedApp.deployment().delivery());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stages = (List<Map<String, Object>>) TemplateQueries.property(delivery,
                "AWS::CodePipeline::Pipeline", "Stages").get(0);
        List<Object> names = stages.stream().map(stage -> stage.get("Name")).map(Object.class::cast).toList();
        assertThat(names).containsExactly("Source", "Build", "UpdatePipeline", "Assets", "Staging", "Production");
        String production = String.valueOf(stages.get(5));
        assertThat(production).contains("Provider=Manual");
        assertThat(TemplateQueries.json(delivery)).contains("./mvnw -B verify", "cdk synth");
        for (String repository : ServiceImages.repositoryNames()) {
            delivery.hasResourceProperties("AWS::ECR::Repository", Map.of("RepositoryName", repository,
                    "ImageScanningConfiguration", Map.of("ScanOnPush", true),
                    "ImageTagMutability", "IMMUTABLE"));
        }
        delivery.hasResourceProperties("AWS::CodeBuild::Project", Map.of("Environment",
                Match.objectLike(Map.of("PrivilegedMode", true))));
    }
}
