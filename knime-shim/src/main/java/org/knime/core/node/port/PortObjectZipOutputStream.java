package org.knime.core.node.port;

import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/**
 * The zip stream a port object or spec is written through.
 */
public class PortObjectZipOutputStream extends ZipOutputStream {

    /**
     * @param out the underlying stream
     */
    PortObjectZipOutputStream(final OutputStream out) {
        super(out);
    }
}
