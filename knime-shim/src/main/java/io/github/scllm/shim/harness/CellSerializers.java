package io.github.scllm.shim.harness;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellDataInput;
import org.knime.core.data.DataCellDataOutput;
import org.knime.core.data.DataCellSerializer;
import org.knime.core.data.DataType;
import org.knime.core.data.MissingCell;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.vector.doublevector.DenseDoubleVectorCell;

/**
 * A registry of cell serializers by cell class, standing in for the framework's registration through plugin.xml. It
 * knows the built-in cells; custom cells are added with {@link #register(Class, DataCellSerializer)}. Nested cells
 * (e.g. list elements) are written as their class name followed by their serialized form; a missing cell as an empty
 * class name followed by its error text.
 */
public final class CellSerializers {

    private final Map<String, Entry<?>> m_byName = new LinkedHashMap<>();

    private record Entry<T extends DataCell>(Class<T> cellClass, DataCellSerializer<T> serializer) {
    }

    /** Creates a registry knowing the built-in cells (string, int, long, double, boolean, list, double vector). */
    public CellSerializers() {
        register(StringCell.class, new StringCell.StringSerializer());
        register(IntCell.class, new IntCell.IntCellSerializer());
        register(LongCell.class, new LongCell.LongSerializer());
        register(DoubleCell.class, new DoubleCell.DoubleSerializer());
        register(BooleanCell.class, new BooleanCell.BooleanSerializer());
        register(ListCell.class, new ListCell.ListCellSerializer());
        register(DenseDoubleVectorCell.class, new DenseDoubleVectorCell.DenseDoubleVectorSerializer());
    }

    /**
     * @param <T> the cell class
     * @param cellClass the cell class
     * @param serializer its serializer
     * @return this registry
     */
    public <T extends DataCell> CellSerializers register(final Class<T> cellClass,
        final DataCellSerializer<T> serializer) {
        m_byName.put(cellClass.getName(), new Entry<>(cellClass, serializer));
        return this;
    }

    /**
     * @param cell a cell, possibly missing
     * @param out the target
     * @throws IOException if no serializer is registered for the cell class or writing fails
     */
    public void writeCell(final DataCell cell, final DataOutputStream out) throws IOException {
        new Output(out).writeDataCell(cell);
    }

    /**
     * @param in the source
     * @return the cell
     * @throws IOException if the class is not registered or reading fails
     */
    public DataCell readCell(final DataInputStream in) throws IOException {
        return new Input(in).readDataCell();
    }

    /**
     * Loads a class name written by {@link #writeCell}; used to resolve column types.
     *
     * @param className a cell class name
     * @return the registered class
     * @throws IOException if the class is not registered
     */
    Class<? extends DataCell> cellClass(final String className) throws IOException {
        Entry<?> e = m_byName.get(className);
        if (e == null) {
            if (MissingCell.class.getName().equals(className) || DataCell.class.getName().equals(className)) {
                return MissingCell.class.getName().equals(className) ? MissingCell.class : DataCell.class;
            }
            throw new IOException("No cell serializer registered for cell class " + className
                + "; register it with CellSerializers.register.");
        }
        return e.cellClass();
    }

    @SuppressWarnings("unchecked")
    private <T extends DataCell> void serialize(final Entry<T> e, final DataCell cell, final DataCellDataOutput out)
        throws IOException {
        e.serializer().serialize((T)cell, out);
    }

    /** A {@link DataCellDataOutput} over a stream that writes nested cells through this registry. */
    private final class Output extends DataOutputStream implements DataCellDataOutput {
        Output(final OutputStream out) {
            super(out);
        }

        @Override
        public void writeDataCell(final DataCell cell) throws IOException {
            if (cell.isMissing()) {
                writeUTF("");
                String err = cell instanceof MissingCell mc ? mc.getError() : null;
                writeBoolean(err != null);
                if (err != null) {
                    writeUTF(err);
                }
                return;
            }
            Entry<?> e = m_byName.get(cell.getClass().getName());
            if (e == null) {
                throw new IOException("No cell serializer registered for " + cell.getClass().getName()
                    + " (cell \"" + cell + "\"); register it with CellSerializers.register.");
            }
            writeUTF(cell.getClass().getName());
            serialize(e, cell, this);
            flush();
        }
    }

    /** A {@link DataCellDataInput} over a stream that reads nested cells through this registry. */
    private final class Input extends DataInputStream implements DataCellDataInput {
        Input(final InputStream in) {
            super(in);
        }

        @Override
        public DataCell readDataCell() throws IOException {
            String name = readUTF();
            if (name.isEmpty()) {
                String err = readBoolean() ? readUTF() : null;
                return err == null ? DataType.getMissingCell() : new MissingCell(err);
            }
            Entry<?> e = m_byName.get(name);
            if (e == null) {
                throw new IOException("No cell serializer registered for cell class " + name
                    + "; register it with CellSerializers.register.");
            }
            return e.serializer().deserialize(this);
        }
    }

    /**
     * Serializes a cell with the given serializer into a byte array and deserializes a copy from it, as the
     * framework does when it writes a table to disk.
     *
     * @param <T> the cell class
     * @param cell the cell, not missing
     * @param serializer its serializer
     * @return the deserialized copy
     * @throws IOException if serialization fails or the serializer does not consume exactly what it wrote
     */
    public <T extends DataCell> T roundTrip(final T cell, final DataCellSerializer<T> serializer)
        throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Output out = new Output(bytes)) {
            serializer.serialize(cell, out);
        }
        byte[] data = bytes.toByteArray();
        try (Input in = new Input(new ByteArrayInputStream(data))) {
            T copy = serializer.deserialize(in);
            int left = in.available();
            if (left != 0) {
                throw new IOException("Serializer " + serializer.getClass().getName() + " left " + left
                    + " of " + data.length + " bytes unread for cell \"" + cell + "\".");
            }
            return copy;
        }
    }
}
