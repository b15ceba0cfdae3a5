package io.launchcast.ingestion.validation;

import io.launchcast.ingestion.validation.CanonicalRows.Mapped;
import io.launchcast.ingestion.validation.CanonicalRows.ProductRow;
import io.launchcast.ingestion.validation.CanonicalRows.SalesRow;
import io.launchcast.ingestion.validation.CanonicalRows.SignalRow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks that need memory of earlier rows in the run: duplicates (by product id, and by a source's
 * declared key) and references from sales to products. Memory grows with the number of products and of
 * keyed rows, not with unkeyed sales rows. Not thread-safe: a run judges its rows on one thread at a time, in
 * row order, since a verdict depends on the rows before it.
 */
public final class RowJudge {

    /** What became of one row. */
    public enum Verdict { ACCEPTED, REJECTED, DUPLICATE, EXCLUDED }

    /**
     * A verdict with its reason (for rejections) or the rule's name (for exclusions).
     *
     * @param productKnown whether an accepted row's product was defined by an earlier row, which this one adds
     *        another region's sales to (with perhaps another launch date and price)
     */
    public record Judgement(Verdict verdict, String reason, boolean productKnown) {

        public Judgement(Verdict verdict, String reason) {
            this(verdict, reason, false);
        }
    }

    private static final Judgement ACCEPTED = new Judgement(Verdict.ACCEPTED, null);
    private static final Judgement ANOTHER_REGION = new Judgement(Verdict.ACCEPTED, null, true);

    private record Seen(long fingerprint, String where) {
    }

    /**
     * A product's first row: all it contributes, the product fields that identify it (all but launch date and price),
     * and the one region its sales are in (null without sales, or in several).
     */
    private record SeenProduct(long fingerprint, long fields, String split, String region, String where) {
    }

    private final boolean checkReferences;
    /** Accepted product ids, numbered; {@code seenProducts} holds each one's fingerprint and position by number. */
    private final StringIndex products = new StringIndex();
    private final List<SeenProduct> seenProducts = new ArrayList<>();
    /**
     * Per product number, the rows after its first that gave its sales in another region (a file with a row per
     * product and store), by region: only products with such rows have an entry.
     */
    private final Map<Integer, Map<String, Seen>> otherRegions = new HashMap<>();
    private final Map<String, Map<String, Seen>> keys = new HashMap<>();

    /** Sources whose products' first row stands against later ones with other values ({@code repeated: first}). */
    private final java.util.Set<String> firstProductRowStands;

    /** @param checkReferences whether sales must name products of this run (the mapping declares products) */
    public RowJudge(boolean checkReferences) {
        this(checkReferences, java.util.Set.of());
    }

    /**
     * @param firstProductRowStands sources whose second row of a product already defined with other values is a
     *        duplicate rather than a conflict
     */
    public RowJudge(boolean checkReferences, java.util.Set<String> firstProductRowStands) {
        this.checkReferences = checkReferences;
        this.firstProductRowStands = java.util.Set.copyOf(firstProductRowStands);
    }

    /**
     * Judges a mapped row and, when it is accepted, remembers its product and key.
     *
     * @param source the source's name, scoping its key
     * @param key the row's key under the source's declared key, or null
     * @param values the row's values, whose equality tells an identical duplicate from a conflicting one
     * @param file the row's file, quoted in conflict reasons
     * @param line the row's line in it
     */
    public Judgement judge(Mapped mapped, String source, String key, String[] values, String file, long line) {
        if (mapped.isRejected()) {
            return new Judgement(Verdict.REJECTED, mapped.rejection());
        }
        if (mapped.isExcluded()) {
            return new Judgement(Verdict.EXCLUDED, mapped.excludedBy());
        }
        long fingerprint = key == null ? 0 : fingerprint(Arrays.asList(values));
        if (key != null) {
            Seen seen = keys.computeIfAbsent(source, s -> new HashMap<>()).get(key);
            if (seen != null) {
                return seen.fingerprint() == fingerprint ? new Judgement(Verdict.DUPLICATE, "duplicate of " + seen.where())
                        : new Judgement(Verdict.REJECTED, "key " + key.replace('\u001f', ' ').trim()
                                + " was already given different values at " + seen.where());
            }
        }
        ProductRow product = mapped.product();
        // one hash of the identifying fields serves both fingerprints: a run of a million products hashes each once
        long fields = product == null ? 0 : fieldsFingerprint(product);
        long productFingerprint = product == null ? 0 : productFingerprint(mapped, fields);
        if (product != null) {
            int number = products.find(product.productId());
            SeenProduct seen = number < 0 ? null : seenProducts.get(number);
            if (seen != null) {
                Judgement again = judgeAgain(mapped, number, seen, productFingerprint, fields, source,
                        file + " line " + line);
                if (again == ANOTHER_REGION && key != null) {
                    keys.get(source).put(key, new Seen(fingerprint, file + " line " + line));
                }
                return again;
            }
        }
        if (checkReferences) {
            for (SalesRow sale : mapped.sales()) {
                boolean own = product != null && product.productId().equals(sale.productId());
                if (!own && products.find(sale.productId()) < 0) {
                    return new Judgement(Verdict.REJECTED, "sales of unknown product " + sale.productId());
                }
            }
        }
        // the position is only spelled out for rows that later rows may be compared with
        if (product != null) {
            products.add(product.productId());
            seenProducts.add(new SeenProduct(productFingerprint, fields, product.split(), region(mapped),
                    file + " line " + line));
        }
        if (key != null) {
            keys.get(source).put(key, new Seen(fingerprint, file + " line " + line));
        }
        return ACCEPTED;
    }

    /**
     * A row of a product an earlier row defined: an identical row is a duplicate; one with the same attributes, region
     * and split whose sales are all in a region the product's earlier rows did not give adds that region's sales (a
     * file with a row per product and store repeats the product's fields on each, with the store's own opening date
     * and price: the staged product takes the earliest date and the median price); otherwise the first row stands
     * ({@code repeated: first}) or the row conflicts with it.
     */
    private Judgement judgeAgain(Mapped mapped, int number, SeenProduct seen, long fingerprint, long fields,
                                 String source, String where) {
        ProductRow product = mapped.product();
        if (seen.fingerprint() == fingerprint) {
            return new Judgement(Verdict.DUPLICATE, "duplicate of " + seen.where());
        }
        if (firstProductRowStands.contains(source)) {
            return new Judgement(Verdict.DUPLICATE, "product " + product.productId() + " stands as first defined at "
                    + seen.where());
        }
        String region = region(mapped);
        if (seen.fields() != fields || region == null) {
            ProductRow inFirstSplit = new ProductRow(product.productId(), product.launchDate(), product.region(),
                    product.price(), seen.split(), product.attributes());
            boolean onlySplit = seen.fields() != fields && seen.fields() == fieldsFingerprint(inFirstSplit);
            return new Judgement(Verdict.REJECTED, "product " + product.productId()
                    + " was already defined with different values at " + seen.where()
                    + (onlySplit ? " (split " + seen.split() + " there, " + product.split() + " here: a product in"
                            + " both is not new to the test launches; a launch-date cutoff splits such data)" : ""));
        }
        if (region.equals(seen.region())) {
            return new Judgement(Verdict.REJECTED, "product " + product.productId() + " was already given other values"
                    + " in region " + region + " at " + seen.where());
        }
        Map<String, Seen> regions = otherRegions.computeIfAbsent(number, n -> new HashMap<>());
        Seen earlier = regions.get(region);
        if (earlier == null) {
            regions.put(region, new Seen(fingerprint, where));
            return ANOTHER_REGION;
        }
        return earlier.fingerprint() == fingerprint ? new Judgement(Verdict.DUPLICATE, "duplicate of " + earlier.where())
                : new Judgement(Verdict.REJECTED, "product " + product.productId() + " was already given other values"
                        + " in region " + region + " at " + earlier.where());
    }

    /** The one region of the row's sales; null when it has none or several, or signals besides. */
    private static String region(Mapped mapped) {
        if (mapped.sales().isEmpty() || !mapped.signals().isEmpty()) {
            return null;
        }
        String region = mapped.sales().get(0).region();
        return mapped.sales().stream().allMatch(s -> s.region().equals(region)) ? region : null;
    }

    /** The product fields that must agree on every row of a product: all but its launch date and price. */
    private static long fieldsFingerprint(ProductRow p) {
        return fingerprint(List.of(p.productId(), String.valueOf(p.region()), String.valueOf(p.split()),
                Arrays.deepToString(p.attributes())));
    }

    /** Whether sales must name products of this run. */
    public boolean checksReferences() {
        return checkReferences;
    }

    /**
     * Whether the product spelled by the ASCII bytes {@code [from, to)} was accepted: {@link #judge}'s reference
     * check for a row taken as bytes. Safe from another thread while no row is judged (the index is not changing).
     */
    public boolean knowsProduct(byte[] bytes, int from, int to) {
        return products.find(bytes, from, to) >= 0;
    }

    /** Products seen so far, accepted. */
    public int productCount() {
        return products.size();
    }

    /**
     * Everything a product row contributes, not only its product fields: a wide row also carries the product's
     * sales and signals, and a second row with the same product but other sales is no duplicate.
     *
     * @param fields the fingerprint of the product's identifying fields ({@link #fieldsFingerprint})
     */
    private static long productFingerprint(Mapped mapped, long fields) {
        ProductRow p = mapped.product();
        List<Object> content = new ArrayList<>(List.of(fields, String.valueOf(p.launchDate()),
                String.valueOf(p.price())));
        for (SalesRow s : mapped.sales()) {
            content.add(s.productId() + '\u001f' + s.region() + '\u001f' + s.periodStart() + '\u001f' + s.units());
        }
        for (SignalRow s : mapped.signals()) {
            content.add(s.signal() + '\u001f' + s.term() + '\u001f' + s.periodStart() + '\u001f' + s.value());
        }
        return fingerprint(content);
    }

    /**
     * 64 bits of the SHA-256 of the values: a 32-bit hash (what {@code Arrays.hashCode} gives) collides for about
     * one pair in 77,000 rows, which would drop a different row as a duplicate; 64 bits make that one pair in
     * about five billion. Length-prefixed so that ("ab", "c") and ("a", "bc") differ.
     */
    static long fingerprint(List<?> values) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
        for (Object value : values) {
            byte[] bytes = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(value == null ? -1 : bytes.length).array());
            sha.update(bytes);
        }
        return ByteBuffer.wrap(sha.digest()).getLong();
    }
}
