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

    /** A verdict with its reason (for rejections) or the rule's name (for exclusions). */
    public record Judgement(Verdict verdict, String reason) {
    }

    private static final Judgement ACCEPTED = new Judgement(Verdict.ACCEPTED, null);

    private record Seen(long fingerprint, String where) {
    }

    private final boolean checkReferences;
    /** Accepted product ids, numbered; {@code seenProducts} holds each one's fingerprint and position by number. */
    private final StringIndex products = new StringIndex();
    private final List<Seen> seenProducts = new ArrayList<>();
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
        if (product != null) {
            int number = products.find(product.productId());
            Seen seen = number < 0 ? null : seenProducts.get(number);
            long productFingerprint = productFingerprint(mapped);
            if (seen != null) {
                return seen.fingerprint() == productFingerprint
                        ? new Judgement(Verdict.DUPLICATE, "duplicate of " + seen.where())
                        : firstProductRowStands.contains(source) ? new Judgement(Verdict.DUPLICATE, "product "
                                + product.productId() + " stands as first defined at " + seen.where())
                        : new Judgement(Verdict.REJECTED, "product " + product.productId()
                                + " was already defined with different values at " + seen.where());
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
            seenProducts.add(new Seen(productFingerprint(mapped), file + " line " + line));
        }
        if (key != null) {
            keys.get(source).put(key, new Seen(fingerprint, file + " line " + line));
        }
        return ACCEPTED;
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
     * sales and signals, and a second row with the same product but other sales is a conflict, not a duplicate.
     */
    private static long productFingerprint(Mapped mapped) {
        ProductRow p = mapped.product();
        List<Object> content = new ArrayList<>(List.of(p.productId(), String.valueOf(p.launchDate()),
                String.valueOf(p.region()), String.valueOf(p.price()), String.valueOf(p.split()),
                Arrays.deepToString(p.attributes())));
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
