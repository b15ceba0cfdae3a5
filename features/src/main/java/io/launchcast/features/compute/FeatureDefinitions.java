package io.launchcast.features.compute;

import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The versioned definition of the launch features. {@link #hash()} covers every parameter and the code's
 * definition version, so a model or training set that records it can tell whether features were computed
 * the same way.
 *
 * @param horizon          number of periods after launch that are forecast (and that curves hold)
 * @param period           sales and signal period
 * @param anchor           where period 0 of a product starts
 * @param attributes       attribute names (without {@code attr_}) used for cohorts, analogs and signal terms
 * @param signalFamily     the {@code signals.signal} value summarised per attribute term (e.g. {@code trend})
 * @param signalWindow     how many periods before launch the signal summaries cover
 * @param recencyHalfLife  half-life, in periods of launch time, of the recency weights of past launches
 * @param shrinkage        pseudo-count pulling small cohorts towards the overall level
 * @param analogK          neighbour counts of the analog aggregates
 * @param attributePairs   whether cohorts of attribute pairs are computed too, of the first
 *                         {@value #MOST_PAIRED_ATTRIBUTES} attributes (see {@link #pairedAttributes()})
 * @param knowledge        what counts as known at the as-of date: {@code PERIOD_ENDED} (strict point in
 *                         time: only sales periods that had ended) or {@code LAUNCHED} (every given period
 *                         of the launches before the as-of date, the convention of a fixed train/test split
 *                         whose training curves are all given at fit time)
 * @param launchPlan       whether launch-plan features (launches in the same period) are computed; they
 *                         assume the assortment plan is known at forecast time
 * @param textAttributes   free-text attributes (names, descriptions) whose words give features: launches sharing
 *                         each word, and the most similar past launches by their word sets
 * @param numericAttributes numeric attributes (a size, a pack count) whose values are features {@code num.<name>}
 */
public record FeatureDefinitions(int horizon, Period period, PeriodAnchor anchor, List<String> attributes,
                                 String signalFamily, int signalWindow, double recencyHalfLife, double shrinkage,
                                 List<Integer> analogK, boolean attributePairs, Knowledge knowledge,
                                 boolean launchPlan, List<String> textAttributes, List<String> numericAttributes) {

    /** Bumped whenever the computation changes meaning; part of the hash. */
    public static final String VERSION = "launch-features/1.1";

    public FeatureDefinitions {
        attributes = List.copyOf(attributes);
        analogK = List.copyOf(analogK);
        textAttributes = List.copyOf(textAttributes);
        numericAttributes = numericAttributes == null ? List.of() : List.copyOf(numericAttributes);
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1");
        }
    }

    /** Definitions without numeric attributes. */
    public FeatureDefinitions(int horizon, Period period, PeriodAnchor anchor, List<String> attributes,
                              String signalFamily, int signalWindow, double recencyHalfLife, double shrinkage,
                              List<Integer> analogK, boolean attributePairs, Knowledge knowledge, boolean launchPlan,
                              List<String> textAttributes) {
        this(horizon, period, anchor, attributes, signalFamily, signalWindow, recencyHalfLife, shrinkage, analogK,
                attributePairs, knowledge, launchPlan, textAttributes, List.of());
    }

    /**
     * Defaults for a dataset: its period, anchor, declared categorical, text and numeric attributes, 52 signal
     * periods, 'trend' signals.
     */
    public static FeatureDefinitions forDataset(DatasetManifest manifest, int horizon) {
        return new FeatureDefinitions(horizon, manifest.period(), manifest.periodAnchor(),
                manifest.categoricalAttributes(), "trend", 52, 8.0, 10.0, List.of(11, 50), true,
                Knowledge.PERIOD_ENDED, false, manifest.textAttributes(), manifest.numericAttributes());
    }

    /** The definitions with another attribute list (e.g. from configuration). */
    public FeatureDefinitions withAttributes(List<String> names) {
        return new FeatureDefinitions(horizon, period, anchor, names, signalFamily, signalWindow, recencyHalfLife,
                shrinkage, analogK, attributePairs, knowledge, launchPlan, textAttributes, numericAttributes);
    }

    /** The definitions summarising another signal family (e.g. the one a dataset's mapping named). */
    public FeatureDefinitions withSignalFamily(String family) {
        return new FeatureDefinitions(horizon, period, anchor, attributes, family, signalWindow, recencyHalfLife,
                shrinkage, analogK, attributePairs, knowledge, launchPlan, textAttributes, numericAttributes);
    }

    /** The definitions with another notion of what is known at the as-of date. */
    public FeatureDefinitions withKnowledge(Knowledge other) {
        return new FeatureDefinitions(horizon, period, anchor, attributes, signalFamily, signalWindow, recencyHalfLife,
                shrinkage, analogK, attributePairs, other, launchPlan, textAttributes, numericAttributes);
    }

    /** What sales of earlier launches count as known at an as-of date. */
    public enum Knowledge {
        /** Only periods that had ended by the as-of date: strict point in time (the default). */
        PERIOD_ENDED,
        /** Every given period of launches before the as-of date (fixed-split convention; not point in time). */
        LAUNCHED
    }

    /** The definitions with launch-plan features switched on or off. */
    public FeatureDefinitions withLaunchPlan(boolean on) {
        return new FeatureDefinitions(horizon, period, anchor, attributes, signalFamily, signalWindow, recencyHalfLife,
                shrinkage, analogK, attributePairs, knowledge, on, textAttributes, numericAttributes);
    }

    /**
     * How many of the attributes, in their configured order, are paired into cohorts: pairs grow with the square
     * of the attributes (25 attributes are 300 pairs, thousands of features that made the boosted model's
     * training take 13 minutes and 12 GB on 2,700 launches), so a catalogue with many attributes pairs the first
     * ones, which a project lists first.
     */
    public static final int MOST_PAIRED_ATTRIBUTES = 6;

    /** The attributes whose pairs get cohorts of their own: the first {@value #MOST_PAIRED_ATTRIBUTES}, if any. */
    public int pairedAttributes() {
        return attributePairs ? Math.min(attributes.size(), MOST_PAIRED_ATTRIBUTES) : 0;
    }

    /** SHA-256 over the code version and every parameter, in a fixed textual form. */
    public String hash() {
        String canonical = VERSION + "|horizon=" + horizon + "|period=" + period + "|anchor=" + anchor
                + "|attributes=" + String.join(",", attributes) + "|signalFamily=" + signalFamily
                + "|signalWindow=" + signalWindow + "|recencyHalfLife=" + recencyHalfLife
                + "|shrinkage=" + shrinkage + "|analogK=" + analogK + "|attributePairs=" + attributePairs + "|knowledge=" + knowledge + "|launchPlan=" + launchPlan
                // absent when there is no text, so that definitions without text keep the hash they always had
                + (textAttributes.isEmpty() ? "" : "|text=" + String.join(",", textAttributes))
                + (numericAttributes.isEmpty() ? "" : "|numeric=" + String.join(",", numericAttributes));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
