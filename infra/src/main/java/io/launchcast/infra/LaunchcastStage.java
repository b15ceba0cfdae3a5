package io.launchcast.infra;

import java.util.List;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.launchcast.infra.api.ApiStack;
import io.launchcast.infra.catalog.CatalogStack;
import io.launchcast.infra.compute.ComputeStack;
import io.launchcast.infra.config.ServiceConfiguration;
import io.launchcast.infra.config.StageSettings;
import io.launchcast.infra.data.DataStack;
import io.launchcast.infra.delivery.ServiceImages;
import io.launchcast.infra.events.EventsStack;
import io.launchcast.infra.featurestore.FeatureStoreStack;
import io.launchcast.infra.identity.IdentityStack;
import io.launchcast.infra.ml.MlStack;
import io.launchcast.infra.observability.ObservabilityStack;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.StageProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * One deployment of the whole suite (staging, production): a stack per concern, in dependency order. Names
 * are the services' names, so a stage owns its account and region (two stages cannot share one).
 */
public class LaunchcastStage extends Stage {

    private final DataStack data;
    private final IdentityStack identity;
    private final CatalogStack catalog;
    private final FeatureStoreStack featureStore;
    private final MlStack ml;
    private final EventsStack events;
    private final ComputeStack compute;
    private final ApiStack api;
    private final ObservabilityStack observability;

    public LaunchcastStage(Construct scope, StageSettings settings, ServiceConfiguration services,
            ServiceImages images) {
        super(scope, settings.name(), StageProps.builder().env(environment(settings)).build());
        StackProps props = StackProps.builder()
                .env(environment(settings))
                // a production stack cannot be deleted by a slip of `cdk destroy`
                .terminationProtection(settings.name().equals("Production"))
                .build();

        data = new DataStack(this, "Data", props, settings, services);
        identity = new IdentityStack(this, "Identity", props, services);
        catalog = new CatalogStack(this, "Catalog", props, services, data);
        featureStore = new FeatureStoreStack(this, "FeatureStore", props, services, data);
        ml = new MlStack(this, "Ml", props, settings, services, data, images);
        events = new EventsStack(this, "Events", props, services, data, ml);
        compute = new ComputeStack(this, "Compute", props, settings, services, data, identity, catalog, featureStore,
                ml, events, images);
        api = new ApiStack(this, "Api", props, settings, data, identity, compute);
        observability = new ObservabilityStack(this, "Observability", props, settings, services, data, events,
                compute, api);

        Tags.of(this).add("project", "launchcast");
        Tags.of(this).add("stage", settings.name().toLowerCase());
        // aspects do not cross stage boundaries: each stage runs cdk-nag on its own stacks
        Aspects.of(this).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
    }

    private static Environment environment(StageSettings settings) {
        return Environment.builder().account(settings.account()).region(settings.region()).build();
    }

    /** Every stack of the stage, in dependency order. */
    public List<Stack> stacks() {
        return List.of(data, identity, catalog, featureStore, ml, events, compute, api, observability);
    }

    public DataStack data() {
        return data;
    }

    public IdentityStack identity() {
        return identity;
    }

    public CatalogStack catalog() {
        return catalog;
    }

    public FeatureStoreStack featureStore() {
        return featureStore;
    }

    public MlStack ml() {
        return ml;
    }

    public EventsStack events() {
        return events;
    }

    public ComputeStack compute() {
        return compute;
    }

    public ApiStack api() {
        return api;
    }

    public ObservabilityStack observability() {
        return observability;
    }
}
