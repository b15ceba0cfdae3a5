package io.launchcast.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.validation.CanonicalRows.Mapped;
import io.launchcast.ingestion.validation.CanonicalRows.ProductRow;
import io.launchcast.ingestion.validation.CanonicalRows.SalesRow;
import io.launchcast.ingestion.validation.RowJudge.Verdict;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only a row identical in everything it contributes is a duplicate; any other repeat is a named conflict. */
class RowJudgeTest {

    private static final LocalDate LAUNCH = LocalDate.of(2019, 4, 17);

    private static Mapped wideRow(String id, long... units) {
        ProductRow product = new ProductRow(id, LAUNCH, "all", null, "train", new Object[] {"culottes", "blue"});
        List<SalesRow> sales = new java.util.ArrayList<>();
        for (int w = 0; w < units.length; w++) {
            sales.add(new SalesRow(id, "all", LAUNCH.plusWeeks(w), units[w]));
        }
        return new Mapped(product, sales, List.of(), null);
    }

    @Test
    void aRepeatedProductWithOtherSalesIsRejectedNamingTheFirstRowNotDroppedAsADuplicate() {
        RowJudge judge = new RowJudge(false);
        assertThat(judge.judge(wideRow("5081", 56, 10), "products", null, null, "train.csv", 2).verdict())
                .isEqualTo(Verdict.ACCEPTED);

        RowJudge.Judgement conflict = judge.judge(wideRow("5081", 5000, 10), "products", null, null, "train.csv", 9);

        assertThat(conflict.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(conflict.reason()).isEqualTo("product 5081 was already given other values in region all at"
                + " train.csv line 2");
    }

    @Test
    void aRepeatedProductWithSalesInAnotherRegionAddsThemAndOtherFieldsConflict() {
        RowJudge judge = new RowJudge(false);
        judge.judge(wideRow("5081", 56, 10), "products", null, null, "train.csv", 2);
        Mapped otherStore = new Mapped(wideRow("5081").product(), List.of(new SalesRow("5081", "store-2", LAUNCH, 4)),
                List.of(), null);

        RowJudge.Judgement added = judge.judge(otherStore, "products", null, null, "train.csv", 3);

        assertThat(added.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(added.productKnown()).isTrue();
        assertThat(judge.judge(otherStore, "products", null, null, "train.csv", 4).reason())
                .isEqualTo("duplicate of train.csv line 3");
        Mapped otherColour = new Mapped(new ProductRow("5081", LAUNCH, "all", null, "train",
                new Object[] {"culottes", "red"}), List.of(new SalesRow("5081", "store-3", LAUNCH, 4)), List.of(), null);
        assertThat(judge.judge(otherColour, "products", null, null, "train.csv", 5).reason())
                .isEqualTo("product 5081 was already defined with different values at train.csv line 2");
        Mapped inTheTestFile = new Mapped(new ProductRow("5081", LAUNCH, "all", null, "test",
                new Object[] {"culottes", "blue"}), List.of(new SalesRow("5081", "store-4", LAUNCH, 4)), List.of(), null);
        assertThat(judge.judge(inTheTestFile, "products", null, null, "test.csv", 2).reason())
                .isEqualTo("product 5081 was already defined with different values at train.csv line 2 (split train"
                        + " there, test here: a product in both is not new to the test launches; a launch-date cutoff"
                        + " splits such data)");
    }

    @Test
    void aRepeatedProductIdenticalInEverythingIsADuplicate() {
        RowJudge judge = new RowJudge(false);
        judge.judge(wideRow("5081", 56, 10), "products", null, null, "train.csv", 2);

        RowJudge.Judgement again = judge.judge(wideRow("5081", 56, 10), "products", null, null, "train.csv", 3);

        assertThat(again.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(again.reason()).isEqualTo("duplicate of train.csv line 2");
    }

    @Test
    void keyedRowsAreDuplicatesOnlyWhenEveryValueMatches() {
        RowJudge judge = new RowJudge(false);
        Mapped sale = new Mapped(null, List.of(new SalesRow("p1", "all", LAUNCH, 3)), List.of(), null);
        judge.judge(sale, "sales", "p1|2019-04-17", new String[] {"p1", "2019-04-17", "3"}, "s.csv", 2);

        assertThat(judge.judge(sale, "sales", "p1|2019-04-17", new String[] {"p1", "2019-04-17", "3"}, "s.csv", 5)
                .verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(judge.judge(sale, "sales", "p1|2019-04-17", new String[] {"p1", "2019-04-17", "4"}, "s.csv", 6)
                .verdict()).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void theFingerprintSeparatesValuesThatConcatenateAlike() {
        assertThat(RowJudge.fingerprint(List.of("ab", "c"))).isNotEqualTo(RowJudge.fingerprint(List.of("a", "bc")));
    }
}
