package io.launchcast.forecast.batch;

import io.launchcast.features.dataset.CuratedVersion;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.Product;
import io.launchcast.forecast.registry.DatasetLineage;
import io.launchcast.forecast.registry.ModelRegistry;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.forecast.serving.ChampionModel;
import io.launchcast.platform.datasets.DatasetVersions;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.LocalCopies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduled batch: every product of the champion's dataset (its newest version that was not withdrawn)
 * launching within the next {@code launchcast.batch.schedule-weeks-ahead} weeks is forecast by a batch job, on the cron
 * {@code launchcast.batch.schedule-cron} ({@code -}, the default, disables it).
 */
public class UpcomingLaunchesJob {

    private static final Logger log = LoggerFactory.getLogger(UpcomingLaunchesJob.class);

    private final ObjectStore store;
    private final DatasetVersions versions;
    private final ModelRegistry registry;
    private final ChampionModel champion;
    private final BatchForecastRunner runner;
    private final BatchProperties properties;
    private final JsonMapper json;
    private final Path cache;
    private final LocalCopies copies;
    private final Clock clock;

    public UpcomingLaunchesJob(ObjectStore store, DatasetVersions versions, ModelRegistry registry,
            ChampionModel champion, BatchForecastRunner runner, BatchProperties properties, JsonMapper json, Path cache,
            LocalCopies copies, Clock clock) {
        this.store = store;
        this.versions = versions;
        this.registry = registry;
        this.champion = champion;
        this.runner = runner;
        this.properties = properties;
        this.json = json;
        this.cache = cache;
        this.copies = copies;
        this.clock = clock;
    }

    @Scheduled(cron = "${launchcast.batch.schedule-cron:-}")
    public void scheduled() {
        run();
    }

    /** Starts the batch for upcoming launches; empty if there is no champion or nothing launches soon. */
    public Optional<BatchForecastJob> run() {
        Optional<ModelVersion> model = registry.champion(champion.group());
        Optional<DatasetLineage> dataset = model.flatMap(m -> m.lineage().datasets().stream().findFirst());
        if (dataset.isEmpty()) {
            log.info("no champion with a dataset yet: no scheduled forecasts");
            return Optional.empty();
        }
        String name = dataset.get().dataset();
        // a withdrawn version is never picked on its own (docs/adr/0092), however new
        Optional<String> latest = versions.latestUsable(name);
        if (latest.isEmpty()) {
            log.info("dataset {} has no usable version: no scheduled forecasts", name);
            return Optional.empty();
        }
        CuratedVersion curated;
        // products only, copied and read into memory here: the sales of the version (most of its bytes) are not
        // needed to know what launches soon
        try (LocalCopies.Lease copy = copies.lease(DatasetVersions.prefix(name, latest.get()),
                cache.resolve(name).resolve("v=" + latest.get()), CuratedDatasetReader::isCatalogueFile)) {
            curated = new CuratedDatasetReader().open(copy.directory());
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate until = today.plusWeeks(properties.scheduleWeeksAhead());
        // per model and dataset version: the runner skips parts already written under a prefix, so a second run of
        // the day after a new champion or version would otherwise hand back the first run's forecasts
        String base = "batch-forecasts/scheduled/" + today + "/" + model.get().group() + "-v" + model.get().version()
                + "/" + name + "-" + latest.get() + "/";
        int count;
        // the input goes through a file: a version of a million products may launch hundreds of thousands soon
        Path input = null;
        try {
            input = Files.createTempFile("upcoming-", ".jsonl");
            try (Writer out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
                count = writeUpcoming(curated, today, until, out);
            }
            if (count > 0) {
                store.put(base + "input.jsonl", input, "application/jsonlines");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scheduled batch's input", e);
        } finally {
            deleteQuietly(input);
        }
        if (count == 0) {
            log.info("no product of {} {} launches between {} and {}", name, latest.get(), today, until);
            return Optional.empty();
        }
        BatchForecastJob job = runner.submit(new BatchForecastRequest(store.uri(base + "input.jsonl").toString(),
                store.uri(base + "output/").toString()));
        log.info("scheduled batch {}: {} products launching by {}", job.id(), count, until);
        return Optional.of(job);
    }

    /** One input line per product launching between {@code from} and {@code until}; answers how many. */
    private int writeUpcoming(CuratedVersion curated, LocalDate from, LocalDate until, Writer out)
            throws IOException {
        int count = 0;
        for (Product product : curated.products()) {
            if (!product.launchDate().isBefore(from) && !product.launchDate().isAfter(until)) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("productId", product.id());
                line.put("attributes", product.attributes());
                line.put("launchDate", product.launchDate().toString());
                if (product.region() != null) {
                    line.put("regions", List.of(product.region()));
                }
                if (product.price() != null) {
                    line.put("price", product.price());
                }
                out.write(json.writeValueAsString(line));
                out.write('\n');
                count++;
            }
        }
        return count;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("cannot delete {}: {}", file, e.getMessage());
            }
        }
    }
}
