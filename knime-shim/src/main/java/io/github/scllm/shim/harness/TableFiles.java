package io.github.scllm.shim.harness;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnDomain;
import org.knime.core.data.DataColumnDomainCreator;
import org.knime.core.data.DataColumnProperties;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataTable;

/**
 * Writes a table (spec with names, types, element names, properties and domain, plus all rows) to a file and reads
 * it back, with cells written by their serializers. It stands in for reopening a workflow saved with executed nodes.
 */
public final class TableFiles {

    private static final String MAGIC = "scllm-shim-table";

    private static final int VERSION = 1;

    private TableFiles() {
    }

    /**
     * @param table the table
     * @param file the target file, replaced if it exists
     * @param serializers serializers for every cell class in the table
     * @throws IOException if writing fails or a cell class has no serializer
     */
    public static void write(final BufferedDataTable table, final Path file, final CellSerializers serializers)
        throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            DataTableSpec spec = table.getDataTableSpec();
            out.writeUTF(spec.getName());
            out.writeInt(spec.getNumColumns());
            for (DataColumnSpec c : spec) {
                writeColumn(c, out, serializers);
            }
            out.writeLong(table.size());
            long rowIndex = 0;
            for (DataRow r : table) {
                out.writeUTF(r.getKey().getString());
                for (int i = 0; i < r.getNumCells(); i++) {
                    try {
                        serializers.writeCell(r.getCell(i), out);
                    } catch (IOException e) {
                        throw new IOException("Cannot write row " + rowIndex + " (\"" + r.getKey() + "\"), column \""
                            + spec.getColumnSpec(i).getName() + "\" to " + file + ": " + e.getMessage(), e);
                    }
                }
                rowIndex++;
            }
        }
    }

    private static void writeColumn(final DataColumnSpec c, final DataOutputStream out,
        final CellSerializers serializers) throws IOException {
        out.writeUTF(c.getName());
        writeType(c.getType(), out);
        out.writeInt(c.getElementNames().size());
        for (String n : c.getElementNames()) {
            out.writeUTF(n);
        }
        DataColumnProperties p = c.getProperties();
        out.writeInt(p.size());
        for (Enumeration<String> keys = p.properties(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            out.writeUTF(k);
            out.writeUTF(p.getProperty(k));
        }
        DataColumnDomain d = c.getDomain();
        out.writeBoolean(d.hasValues());
        if (d.hasValues()) {
            out.writeInt(d.getValues().size());
            for (DataCell v : d.getValues()) {
                serializers.writeCell(v, out);
            }
        }
        writeOptionalCell(d.getLowerBound(), out, serializers);
        writeOptionalCell(d.getUpperBound(), out, serializers);
    }

    private static void writeOptionalCell(final DataCell cell, final DataOutputStream out,
        final CellSerializers serializers) throws IOException {
        out.writeBoolean(cell != null);
        if (cell != null) {
            serializers.writeCell(cell, out);
        }
    }

    private static void writeType(final DataType type, final DataOutputStream out) throws IOException {
        out.writeUTF(type.getCellClass().getName());
        out.writeBoolean(type.getCollectionElementType() != null);
        if (type.getCollectionElementType() != null) {
            writeType(type.getCollectionElementType(), out);
        }
    }

    /**
     * @param file a file written by {@link #write}
     * @param serializers serializers for every cell class in the table
     * @return the table
     * @throws IOException if the file is not such a table, is truncated, or a cell class has no serializer
     */
    public static BufferedDataTable read(final Path file, final CellSerializers serializers) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException(file + " is not a table file written by TableFiles.write.");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("Unsupported table file version " + version + " in " + file + ".");
            }
            String name = in.readUTF();
            int nCols = in.readInt();
            DataColumnSpec[] cols = new DataColumnSpec[nCols];
            for (int i = 0; i < nCols; i++) {
                cols[i] = readColumn(in, serializers);
            }
            DataTableSpec spec = new DataTableSpec(name, cols);
            long nRows = in.readLong();
            List<DataRow> rows = new ArrayList<>();
            for (long r = 0; r < nRows; r++) {
                String key = in.readUTF();
                DataCell[] cells = new DataCell[nCols];
                for (int i = 0; i < nCols; i++) {
                    cells[i] = serializers.readCell(in);
                }
                rows.add(new DefaultRow(key, cells));
            }
            return Tables.table(spec, rows);
        } catch (EOFException e) {
            throw new IOException("Table file " + file + " is truncated.", e);
        }
    }

    private static DataColumnSpec readColumn(final DataInputStream in, final CellSerializers serializers)
        throws IOException {
        String name = in.readUTF();
        DataColumnSpecCreator cr = new DataColumnSpecCreator(name, readType(in, serializers));
        String[] elNames = new String[in.readInt()];
        for (int i = 0; i < elNames.length; i++) {
            elNames[i] = in.readUTF();
        }
        cr.setElementNames(elNames);
        int nProps = in.readInt();
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < nProps; i++) {
            props.put(in.readUTF(), in.readUTF());
        }
        cr.setProperties(new DataColumnProperties(props));
        Set<DataCell> values = null;
        if (in.readBoolean()) {
            int n = in.readInt();
            values = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                values.add(serializers.readCell(in));
            }
        }
        DataCell lower = in.readBoolean() ? serializers.readCell(in) : null;
        DataCell upper = in.readBoolean() ? serializers.readCell(in) : null;
        cr.setDomain(new DataColumnDomainCreator(values, lower, upper).createDomain());
        return cr.createSpec();
    }

    private static DataType readType(final DataInputStream in, final CellSerializers serializers)
        throws IOException {
        Class<? extends DataCell> cls = serializers.cellClass(in.readUTF());
        if (in.readBoolean()) {
            return DataType.getType(cls, readType(in, serializers));
        }
        return DataType.getType(cls);
    }
}
