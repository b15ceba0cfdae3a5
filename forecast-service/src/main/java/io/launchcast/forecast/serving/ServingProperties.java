package io.launchcast.forecast.serving;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What serving forecasts from.
 *
 * @param knowledge which dataset version the champion's forecasts draw their past launches from:
 *        {@code LATEST}, the newest published version of the model's dataset that was not withdrawn (a planner asking
 *        in December gets November's launches as analogs and levels, without waiting for a retrained version), or
 *        {@code TRAINED}, the version the model was trained on (forecasts that never change with new data)
 * @param knowledgeCheck how often serving looks for a newer (or withdrawn) version besides the
 *        {@code DatasetPublished} event: a missed event or a withdrawal is picked up within this time
 */
@Validated
@ConfigurationProperties("launchcast.serving")
public record ServingProperties(@DefaultValue("LATEST") @NotNull KnowledgePolicy knowledge,
        @DefaultValue("5m") @NotNull Duration knowledgeCheck) {

    /** Which dataset version a model's forecasts draw on. */
    public enum KnowledgePolicy {
        LATEST, TRAINED
    }
}
