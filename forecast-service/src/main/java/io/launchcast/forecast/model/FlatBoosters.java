package io.launchcast.forecast.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * XGBoost boosters read from their JSON model into flat arrays and evaluated in Java.
 *
 * <p>Why: a single-row forecast through xgboost4j pays a DMatrix allocation and a native call per booster, and
 * exact TreeSHAP explanations ({@code predictContrib}) cost about 2 ms per booster; serving one product with 12
 * boosters of 400 trees took 7–30 ms and its explanation 20–50 ms. Walking 4,800 depth-5 trees in Java is a
 * few tens of microseconds and needs no native memory. The semantics follow XGBoost's: features are
 * compared as float32 ({@code value < split} goes left), a missing (NaN) value follows the node's default
 * direction, and the margin is {@code base_score} plus the sum of the leaves reached. A test checks that the
 * predictions equal xgboost4j's on every training row.
 *
 * <p>Explanations are path attributions (Saabas; XGBoost's {@code approx_contribs}): along the path of the
 * row, each split's feature is credited with the change of the cover-weighted mean leaf value from the node to
 * the child taken. They sum to the margin minus the mean prediction, like SHAP values, and cost one walk per
 * tree, but they are not SHAP's exact, order-independent attribution (ADR 0030).
 */
public final class FlatBoosters {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Per booster, every node of every tree packed as {@link #STRIDE} ints: the split feature's slot in an
     * {@linkplain #encode encoded row} (which settles where a missing value goes), the left and right child
     * offsets, the split threshold as an {@linkplain #orderedBits ordered int}, and what going left or right
     * credits the split's feature (the change of the cover-weighted mean leaf value, float bits). A leaf tests
     * the {@link #dummyFeature} (always 0) against {@code Integer.MAX_VALUE}, so it always goes left, to itself,
     * crediting 0; it keeps its value where a split keeps its right child.
     *
     * <p>Why so: every walk then takes exactly the booster's depth in steps, and a step is integer arithmetic
     * and loads without a branch (no "is this a leaf", no float compare with its NaN case), so the walks of
     * several rows overlap in the CPU instead of each waiting on mispredicted branches. One array per booster
     * keeps a tree on a few cache lines.
     */
    private final int[][] nodes;
    /** Offsets of each tree's root in {@link #nodes}. */
    private final int[][] roots;
    /** Cover-weighted mean leaf value of each tree (the root's), which the bias collects. */
    private final float[][] rootMeans;
    /** Steps from a root to the deepest leaf of each booster. */
    private final int[] depths;
    private final float[] baseScores;
    private final int featureCount;
    /**
     * The feature a leaf tests: the slot after the model's features, 0 in every row. Its contribution slot is the
     * bias, which a leaf's step credits with exactly 0.
     */
    private final int dummyFeature;

    private static final int STRIDE = 6;
    private static final int LEAF_THRESHOLD = Integer.MAX_VALUE;
    /**
     * Rows walked together through each tree. A tree then stays in the first-level cache for the whole block
     * instead of being fetched again per row: the 4,800 trees of the 12-period model (about 5 MB) do not fit the
     * second-level cache, so the walks are bound by fetching trees. Per product with contributions (the
     * registered 400-round model, {@code TreeWalkProfile}): blocks of 16 rows 119 us, 64 72 us, 128 55 us, 256
     * 64 us (the rows' own arrays then crowd the cache), 512 77 us.
     */
    public static final int BLOCK = 128;

    private FlatBoosters(int[][] nodes, int[][] roots, float[][] rootMeans, int[] depths, float[] baseScores,
                         int featureCount) {
        this.nodes = nodes;
        this.roots = roots;
        this.rootMeans = rootMeans;
        this.depths = depths;
        this.baseScores = baseScores;
        this.featureCount = featureCount;
        this.dummyFeature = featureCount;
    }

    /** Reads each booster's JSON model; {@code featureCount} is the number of features the model was trained on. */
    public static FlatBoosters of(List<Booster> boosters, int featureCount) {
        int[][] nodes = new int[boosters.size()][];
        int[][] roots = new int[boosters.size()][];
        float[][] rootMeans = new float[boosters.size()][];
        int[] depths = new int[boosters.size()];
        float[] baseScores = new float[boosters.size()];
        for (int b = 0; b < boosters.size(); b++) {
            JsonNode learner;
            try {
                learner = JSON.readTree(new String(boosters.get(b).toByteArray("json"), StandardCharsets.UTF_8))
                        .get("learner");
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost could not export booster " + b + " as JSON", e);
            }
            baseScores[b] = Float.parseFloat(learner.get("learner_model_param").get("base_score").asString());
            List<Tree> trees = new ArrayList<>();
            for (JsonNode tree : learner.get("gradient_booster").get("model").get("trees")) {
                trees.add(Tree.of(tree));
            }
            int total = trees.stream().mapToInt(t -> t.left().length).sum();
            nodes[b] = new int[total * STRIDE];
            roots[b] = new int[trees.size()];
            rootMeans[b] = new float[trees.size()];
            int first = 0;
            for (int t = 0; t < trees.size(); t++) {
                Tree tree = trees.get(t);
                roots[b][t] = first * STRIDE;
                rootMeans[b][t] = (float) tree.mean()[0];
                tree.packInto(nodes[b], first, featureCount);
                first += tree.left().length;
                depths[b] = Math.max(depths[b], tree.depth(0));
            }
        }
        return new FlatBoosters(nodes, roots, rootMeans, depths, baseScores, featureCount);
    }

    /** Number of boosters (outputs). */
    public int size() {
        return nodes.length;
    }

    /** A row to fill with feature values by id: every feature missing (NaN), plus the slot leaves test. */
    public float[] newRow() {
        float[] row = new float[featureCount + 1];
        java.util.Arrays.fill(row, 0, featureCount, Float.NaN);
        return row;
    }

    /** The margin of every booster for one row ({@code NaN} = missing), as xgboost4j's {@code predict} gives. */
    public double[] predict(float[] row) {
        double[][] margins = new double[1][nodes.length];
        predictBlock(new float[][] {row}, 1, margins, null);
        return margins[0];
    }

    /**
     * The margin of every booster for one row counting only its first {@code rounds[i]} trees, for each i
     * ({@code rounds} ascending): what the model trained with that many rounds gives, since boosting never
     * changes a tree once the next one is grown. Training chooses its number of rounds with it.
     */
    public double[][] predictAfterRounds(float[] row, int[] rounds) {
        int[] encoded = new int[2 * (featureCount + 1)];
        encode(row, encoded);
        double[][] out = new double[rounds.length][nodes.length];
        for (int b = 0; b < nodes.length; b++) {
            int[] tree = nodes[b];
            int depth = depths[b];
            float margin = baseScores[b];
            int t = 0;
            for (int i = 0; i < rounds.length; i++) {
                for (; t < Math.min(rounds[i], roots[b].length); t++) {
                    int n = roots[b][t];
                    for (int d = 0; d < depth; d++) {
                        n = tree[n + 1 + right(tree, n, encoded)];
                    }
                    margin += Float.intBitsToFloat(tree[n + 2]);
                }
                out[i][b] = margin;
            }
        }
        return out;
    }

    /**
     * The margins (into {@code margins}, one per booster) and the path contributions of each feature averaged
     * over the boosters, in one walk; the last slot of the result is the bias (the mean prediction plus base
     * score), so that a booster's contributions and bias sum to its margin.
     */
    public double[] predictWithContributions(float[] row, double[] margins) {
        double[][] contributions = new double[1][featureCount + 1];
        predictBlock(new float[][] {row}, 1, new double[][] {margins}, contributions);
        return contributions[0];
    }

    /**
     * Evaluates rows {@code 0..count-1} (from {@link #newRow}) {@link #BLOCK} at a time, each tree walked for all
     * rows of a block before the next tree. Fills {@code margins[r][booster]} and, unless {@code contributions}
     * is null, {@code contributions[r]} as {@link #predictWithContributions} does. Each row's additions happen
     * in the same order as a walk of that row alone, so the results are the same to the bit.
     */
    public void predictBlock(float[][] rows, int count, double[][] margins, double[][] contributions) {
        float[] margin = new float[Math.min(count, BLOCK)];
        int[][] encoded = new int[Math.min(count, BLOCK)][2 * (featureCount + 1)];
        for (int from = 0; from < count; from += BLOCK) {
            int size = Math.min(count, from + BLOCK) - from;
            for (int r = 0; r < size; r++) {
                encode(rows[from + r], encoded[r]);
            }
            double[][] credits = contributions == null ? null
                    : java.util.Arrays.copyOfRange(contributions, from, from + size);
            if (credits != null) {
                for (double[] credit : credits) {
                    java.util.Arrays.fill(credit, 0);
                }
            }
            // whole eights of rows walk side by side; the rest (a lone row: a real-time forecast) walk eight
            // trees side by side. Kept apart: one method doing both compiled to a slower block walk
            int eights = size & ~7;
            for (int b = 0; b < nodes.length; b++) {
                java.util.Arrays.fill(margin, baseScores[b]);
                if (credits == null) {
                    walk(b, encoded, eights, margin);
                } else {
                    walkCrediting(b, encoded, eights, margin, credits);
                }
                for (int r = eights; r < size; r++) {
                    if (credits != null) {
                        credits[r][featureCount] += baseScores[b];
                    }
                    margin[r] = walkOne(b, encoded[r], margin[r], credits == null ? null : credits[r], path(b));
                }
                for (int r = 0; r < size; r++) {
                    margins[from + r][b] = margin[r];
                }
            }
            for (int r = 0; credits != null && r < size; r++) {
                for (int f = 0; f <= featureCount; f++) {
                    credits[r][f] /= nodes.length;
                }
            }
        }
    }

    /**
     * Walks rows eight at a time, each step of the eight written out side by side: their loads do not depend on
     * each other, so the CPU runs them together instead of waiting on one chain of loads at a time: the
     * 4,800 trees of one VISUELLE product took 51 us one row after another in a block, 24 us eight at a time,
     * and 39 instead of 97 us with contributions (with the precomputed credits; {@code TreeWalkProfile}).
     */
    private void walk(int b, int[][] rows, int count, float[] margin) {
        int[] tree = nodes[b];
        int depth = depths[b];
        int eights = count & ~7;
        for (int root : roots[b]) {
            for (int r = 0; r < eights; r += 8) {
                int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
                for (int d = 0; d < depth; d++) {
                    n0 = tree[n0 + 1 + right(tree, n0, rows[r])];
                    n1 = tree[n1 + 1 + right(tree, n1, rows[r + 1])];
                    n2 = tree[n2 + 1 + right(tree, n2, rows[r + 2])];
                    n3 = tree[n3 + 1 + right(tree, n3, rows[r + 3])];
                    n4 = tree[n4 + 1 + right(tree, n4, rows[r + 4])];
                    n5 = tree[n5 + 1 + right(tree, n5, rows[r + 5])];
                    n6 = tree[n6 + 1 + right(tree, n6, rows[r + 6])];
                    n7 = tree[n7 + 1 + right(tree, n7, rows[r + 7])];
                }
                addLeaves(tree, margin, r, n0, n1, n2, n3, n4, n5, n6, n7);
            }
        }
    }

    /** Adds the values of the leaves eight rows reached ({@code n0..n7}) to their margins. */
    private static void addLeaves(int[] tree, float[] margin, int r, int n0, int n1, int n2, int n3, int n4, int n5,
                                  int n6, int n7) {
        margin[r] += Float.intBitsToFloat(tree[n0 + 2]);
        margin[r + 1] += Float.intBitsToFloat(tree[n1 + 2]);
        margin[r + 2] += Float.intBitsToFloat(tree[n2 + 2]);
        margin[r + 3] += Float.intBitsToFloat(tree[n3 + 2]);
        margin[r + 4] += Float.intBitsToFloat(tree[n4 + 2]);
        margin[r + 5] += Float.intBitsToFloat(tree[n5 + 2]);
        margin[r + 6] += Float.intBitsToFloat(tree[n6 + 2]);
        margin[r + 7] += Float.intBitsToFloat(tree[n7 + 2]);
    }

    /** As {@link #walk}, crediting each split's feature with what its branch changes. */
    private void walkCrediting(int b, int[][] rows, int count, float[] margin, double[][] credits) {
        int[] tree = nodes[b];
        float[] rootMean = rootMeans[b];
        int depth = depths[b];
        for (int r = 0; r < count; r++) {
            credits[r][featureCount] += baseScores[b];
        }
        int eights = count & ~7;
        for (int t = 0; t < rootMean.length; t++) {
            int root = roots[b][t];
            float bias = rootMean[t];
            for (int r = 0; r < eights; r += 8) {
                int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
                for (int i = r; i < r + 8; i++) {
                    credits[i][featureCount] += bias;
                }
                for (int d = 0; d < depth; d++) {
                    n0 = step(tree, n0, rows[r], credits[r]);
                    n1 = step(tree, n1, rows[r + 1], credits[r + 1]);
                    n2 = step(tree, n2, rows[r + 2], credits[r + 2]);
                    n3 = step(tree, n3, rows[r + 3], credits[r + 3]);
                    n4 = step(tree, n4, rows[r + 4], credits[r + 4]);
                    n5 = step(tree, n5, rows[r + 5], credits[r + 5]);
                    n6 = step(tree, n6, rows[r + 6], credits[r + 6]);
                    n7 = step(tree, n7, rows[r + 7], credits[r + 7]);
                }
                addLeaves(tree, margin, r, n0, n1, n2, n3, n4, n5, n6, n7);
            }
        }
    }

    private Path path(int b) {
        return new Path(new int[8 * depths[b]], new float[8 * depths[b]]);
    }

    /** Scratch for the credits of eight trees walked together, replayed in tree order. */
    private record Path(int[] slots, float[] changes) {
    }

    /**
     * One row through all trees of booster {@code b}, eight trees side by side (the same overlap that rows
     * get in a block, for a lone row or the last rows of a block). Each tree's leaf is added to
     * {@code margin} in tree order; with {@code credit}, each tree's bias and path credits are replayed in tree
     * order too, so the sums are the same to the bit as one tree after another.
     */
    private float walkOne(int b, int[] row, float margin, double[] credit, Path path) {
        int[] tree = nodes[b];
        int[] root = roots[b];
        int depth = depths[b];
        int t = 0;
        for (; t + 8 <= root.length; t += 8) {
            int n0 = root[t], n1 = root[t + 1], n2 = root[t + 2], n3 = root[t + 3];
            int n4 = root[t + 4], n5 = root[t + 5], n6 = root[t + 6], n7 = root[t + 7];
            for (int d = 0; d < depth; d++) {
                if (credit != null) {
                    n0 = record(tree, n0, row, path, d);
                    n1 = record(tree, n1, row, path, depth + d);
                    n2 = record(tree, n2, row, path, 2 * depth + d);
                    n3 = record(tree, n3, row, path, 3 * depth + d);
                    n4 = record(tree, n4, row, path, 4 * depth + d);
                    n5 = record(tree, n5, row, path, 5 * depth + d);
                    n6 = record(tree, n6, row, path, 6 * depth + d);
                    n7 = record(tree, n7, row, path, 7 * depth + d);
                } else {
                    n0 = tree[n0 + 1 + right(tree, n0, row)];
                    n1 = tree[n1 + 1 + right(tree, n1, row)];
                    n2 = tree[n2 + 1 + right(tree, n2, row)];
                    n3 = tree[n3 + 1 + right(tree, n3, row)];
                    n4 = tree[n4 + 1 + right(tree, n4, row)];
                    n5 = tree[n5 + 1 + right(tree, n5, row)];
                    n6 = tree[n6 + 1 + right(tree, n6, row)];
                    n7 = tree[n7 + 1 + right(tree, n7, row)];
                }
            }
            if (credit != null) {
                for (int i = 0; i < 8; i++) {
                    credit[featureCount] += rootMeans[b][t + i];
                    for (int d = 0; d < depth; d++) {
                        credit[path.slots()[i * depth + d]] += path.changes()[i * depth + d];
                    }
                }
            }
            margin += Float.intBitsToFloat(tree[n0 + 2]);
            margin += Float.intBitsToFloat(tree[n1 + 2]);
            margin += Float.intBitsToFloat(tree[n2 + 2]);
            margin += Float.intBitsToFloat(tree[n3 + 2]);
            margin += Float.intBitsToFloat(tree[n4 + 2]);
            margin += Float.intBitsToFloat(tree[n5 + 2]);
            margin += Float.intBitsToFloat(tree[n6 + 2]);
            margin += Float.intBitsToFloat(tree[n7 + 2]);
        }
        for (; t < root.length; t++) {
            int n = root[t];
            if (credit != null) {
                credit[featureCount] += rootMeans[b][t];
            }
            for (int d = 0; d < depth; d++) {
                n = credit == null ? tree[n + 1 + right(tree, n, row)] : step(tree, n, row, credit);
            }
            margin += Float.intBitsToFloat(tree[n + 2]);
        }
        return margin;
    }

    /** One step down from node {@code n}, its credit written to {@code path} at {@code at}; returns the child. */
    private static int record(int[] tree, int n, int[] row, Path path, int at) {
        int right = right(tree, n, row);
        path.slots()[at] = tree[n] >> 1;
        path.changes()[at] = Float.intBitsToFloat(tree[n + 4 + right]);
        return tree[n + 1 + right];
    }

    /** One step down from node {@code n}, crediting its feature; returns the child. */
    private static int step(int[] tree, int n, int[] row, double[] credit) {
        int right = right(tree, n, row);
        credit[tree[n] >> 1] += Float.intBitsToFloat(tree[n + 4 + right]);
        return tree[n + 1 + right];
    }

    /**
     * 1 when the row goes to the right child of node {@code n}, without a branch. XGBoost goes left when
     * {@code value < split} as float32, which {@link #orderedBits} turns into an int comparison, done here as
     * the sign of a long difference; a missing value follows the node's default direction, which the row's
     * encoding already settled (see {@link #encode}).
     */
    private static int right(int[] tree, int n, int[] row) {
        return (int) (((long) row[tree[n]] - tree[n + 3]) >>> 63) ^ 1;
    }

    /**
     * A row as the walks read it: feature f at slots 2f (where a missing value goes left: the smallest int) and
     * 2f+1 (where it goes right: the largest int), each value as {@link #orderedBits}; a node reads the slot of
     * its default direction. The dummy feature's slots hold 0.
     */
    private void encode(float[] row, int[] out) {
        for (int f = 0; f < featureCount; f++) {
            float v = row[f];
            boolean missing = v != v;
            out[2 * f] = missing ? Integer.MIN_VALUE : orderedBits(v);
            out[2 * f + 1] = missing ? Integer.MAX_VALUE : orderedBits(v);
        }
        out[2 * dummyFeature] = 0;
        out[2 * dummyFeature + 1] = 0;
    }

    /**
     * An int whose signed order is the float's order ({@code a < b} as floats exactly when the ints are), -0
     * taken as +0 as float comparison does. Never {@code Integer.MIN_VALUE} or {@code MAX_VALUE} for a number,
     * which leaves those two for missing values.
     */
    static int orderedBits(float v) {
        int bits = Float.floatToRawIntBits(v + 0.0f); // -0 + 0 is +0
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** One tree as read from JSON: parallel arrays indexed by node id; a leaf has {@code left == -1}. */
    private record Tree(int[] left, int[] right, int[] feature, float[] split, boolean[] defaultLeft, float[] value,
                        double[] mean) {

        static Tree of(JsonNode json) {
            int[] left = ints(json.get("left_children"));
            int[] right = ints(json.get("right_children"));
            int[] feature = ints(json.get("split_indices"));
            float[] split = floats(json.get("split_conditions"));
            float[] cover = floats(json.get("sum_hessian"));
            JsonNode defaults = json.get("default_left");
            boolean[] defaultLeft = new boolean[left.length];
            for (int n = 0; n < left.length; n++) {
                JsonNode d = defaults.get(n);
                defaultLeft[n] = d.isBoolean() ? d.asBoolean() : d.asInt() != 0;
            }
            // a leaf keeps its value where an internal node keeps its split condition
            float[] value = new float[left.length];
            for (int n = 0; n < left.length; n++) {
                value[n] = left[n] == -1 ? split[n] : 0f;
            }
            double[] mean = new double[left.length];
            fillMeans(0, left, right, value, cover, mean);
            return new Tree(left, right, feature, split, defaultLeft, value, mean);
        }

        /** Cover-weighted mean leaf value under each node, as XGBoost's approximate contributions use. */
        private static double fillMeans(int n, int[] left, int[] right, float[] value, float[] cover, double[] mean) {
            if (left[n] == -1) {
                mean[n] = value[n];
            } else {
                double l = fillMeans(left[n], left, right, value, cover, mean);
                double r = fillMeans(right[n], left, right, value, cover, mean);
                double total = cover[left[n]] + cover[right[n]];
                mean[n] = total > 0 ? (l * cover[left[n]] + r * cover[right[n]]) / total : (l + r) / 2;
            }
            return mean[n];
        }

        /** Steps from node {@code n} to its deepest leaf. */
        int depth(int n) {
            return left[n] == -1 ? 0 : 1 + Math.max(depth(left[n]), depth(right[n]));
        }

        /** Writes this tree's nodes at node index {@code first} of a booster's packed array. */
        void packInto(int[] nodes, int first, int dummyFeature) {
            for (int n = 0; n < left.length; n++) {
                int at = (first + n) * STRIDE;
                if (left[n] == -1) {
                    nodes[at] = 2 * dummyFeature;
                    nodes[at + 1] = at; // always left (0 < MAX_VALUE), to itself: see FlatBoosters#nodes
                    nodes[at + 2] = Float.floatToRawIntBits(value[n]);
                    nodes[at + 3] = LEAF_THRESHOLD;
                    nodes[at + 4] = Float.floatToRawIntBits(0f);
                } else {
                    nodes[at] = 2 * feature[n] + (defaultLeft[n] ? 0 : 1);
                    nodes[at + 1] = (first + left[n]) * STRIDE;
                    nodes[at + 2] = (first + right[n]) * STRIDE;
                    nodes[at + 3] = orderedBits(split[n]);
                    // float differences, as computed from float means when walking: the same bits
                    nodes[at + 4] = Float.floatToRawIntBits((float) mean[left[n]] - (float) mean[n]);
                    nodes[at + 5] = Float.floatToRawIntBits((float) mean[right[n]] - (float) mean[n]);
                }
            }
        }

        private static int[] ints(JsonNode array) {
            int[] out = new int[array.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = array.get(i).asInt();
            }
            return out;
        }

        private static float[] floats(JsonNode array) {
            float[] out = new float[array.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) array.get(i).asDouble();
            }
            return out;
        }
    }
}
