package org.knime.core.data.collection;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellDataInput;
import org.knime.core.data.DataCellDataOutput;
import org.knime.core.data.DataCellSerializer;
import org.knime.core.data.DataType;

/**
 * An immutable list of cells. Create it with {@link CollectionCellFactory#createListCell(java.util.Collection)}.
 */
public class ListCell extends DataCell implements ListDataValue {

    private static final long serialVersionUID = 1L;

    private final List<DataCell> m_elements;

    private final DataType m_elementType;

    ListCell(final List<DataCell> elements, final DataType elementType) {
        m_elements = List.copyOf(elements);
        m_elementType = elementType;
    }

    /**
     * @param elementType the type of the elements
     * @return the column type for list cells with such elements
     */
    public static DataType getCollectionType(final DataType elementType) {
        return DataType.getType(ListCell.class, elementType);
    }

    @Override
    public DataCell get(final int index) {
        return m_elements.get(index);
    }

    @Override
    public DataType getElementType() {
        return m_elementType;
    }

    @Override
    public int size() {
        return m_elements.size();
    }

    @Override
    public boolean containsBlobWrapperCells() {
        return false;
    }

    @Override
    public Iterator<DataCell> iterator() {
        return m_elements.iterator();
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return m_elements.equals(((ListCell)dc).m_elements);
    }

    @Override
    public int hashCode() {
        return m_elements.hashCode();
    }

    @Override
    public String toString() {
        return m_elements.toString();
    }

    /** Writes and reads list cells; the elements are written as nested cells. */
    public static final class ListCellSerializer implements DataCellSerializer<ListCell> {

        @Override
        public void serialize(final ListCell cell, final DataCellDataOutput output) throws IOException {
            output.writeInt(cell.size());
            for (DataCell c : cell) {
                output.writeDataCell(c);
            }
        }

        @Override
        public ListCell deserialize(final DataCellDataInput input) throws IOException {
            int n = input.readInt();
            if (n < 0) {
                throw new IOException("Corrupt list cell: negative size " + n + ".");
            }
            DataCell[] cells = new DataCell[n];
            for (int i = 0; i < n; i++) {
                cells[i] = input.readDataCell();
            }
            return CollectionCellFactory.createListCell(List.of(cells));
        }
    }
}
