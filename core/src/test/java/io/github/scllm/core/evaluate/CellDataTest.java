package io.github.scllm.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.refine.ExpressionRows;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellDataTest {
    static final CellData REFERENCE = CellData.of(new String[] {"r1", "r2"}, new String[] {"CD3E", "MS4A1", "LYZ"},
            new float[][] {{1, 0, 2}, {0, 3, 0}}, new String[] {"T", "B"});
    /** Lower-case cd3e matches CD3E; NKG7 is query-only; MS4A1 is missing from the query; LYZ appears twice. */
    static final CellData QUERY = CellData.of(new String[] {"q1"}, new String[] {"cd3e", "NKG7", "LYZ", "LYZ"},
            new float[][] {{4, 5, 1, 0.5f}}, null);

    @Test
    void joiningKeepsTheUnionOfGenesButExpressionUsesOnlySharedOnes() {
        CellData all = CellData.concat(REFERENCE, QUERY);
        assertArrayEquals(new String[] {"CD3E", "MS4A1", "LYZ", "NKG7"}, all.symbols());
        assertEquals(2, all.expressionGeneCount(), "CD3E and LYZ are in both files");
        ExpressionRows rows = all.expressionRows(new int[] {2, 0});
        float[] row = new float[2];
        rows.copyRow(0, row);
        assertArrayEquals(new float[] {4, 1.5f}, row, "query: CD3E, and the two LYZ columns summed");
        rows.copyRow(1, row);
        assertArrayEquals(new float[] {1, 2}, row);
        assertArrayEquals(new String[] {"T", "B", null}, all.labels());
        CellGenes top = CellGenes.select(all, 2, CancellationToken.NONE);
        assertArrayEquals(new String[] {"NKG7", "CD3E"}, top.symbols(2),
                "the description path sees the query-only gene NKG7");
    }

    @Test
    void filesWithoutSharedGenesCannotBeJoined() {
        CellData other = CellData.of(new String[] {"x"}, new String[] {"Actb"}, new float[][] {{1}}, null);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CellData.concat(REFERENCE, other));
        assertTrue(e.getMessage().contains("share no gene"), e.getMessage());
    }

    @Test
    void labelsJoinByCellIdAndAnUnrelatedTableIsRejected() {
        CellData relabelled = REFERENCE.withLabels(Map.of("r2", "B cell", "zz", "x"), "labels.tsv");
        assertArrayEquals(new String[] {null, "B cell"}, relabelled.labels());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> REFERENCE.withLabels(Map.of("cellA", "T"), "labels.tsv"));
        assertTrue(e.getMessage().contains("labels.tsv") && e.getMessage().contains("'r1'"), e.getMessage());
    }

    @Test
    void negativeValuesAreRejectedWithTheRow() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CellData.of(new String[] {"a"},
                new String[] {"G"}, new float[][] {{-1}}, null));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }
}
