package org.knime.core.data.collection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

/**
 * Creates collection cells.
 */
public final class CollectionCellFactory {

    private CollectionCellFactory() {
    }

    /**
     * @param coll the elements, none null; copied
     * @return a list cell whose element type is the common type of the non-missing elements
     * @throws NullPointerException if the collection or an element is null
     */
    public static ListCell createListCell(final Collection<? extends DataCell> coll) {
        List<DataCell> elements = new ArrayList<>(coll.size());
        DataType common = null;
        for (DataCell c : coll) {
            if (c == null) {
                throw new NullPointerException("A list cell must not hold null elements; use missing cells.");
            }
            elements.add(c);
            if (!c.isMissing()) {
                common = common == null ? c.getType() : DataType.getCommonSuperType(common, c.getType());
            }
        }
        return new ListCell(elements, common == null ? DataType.getType(DataCell.class) : common);
    }
}
