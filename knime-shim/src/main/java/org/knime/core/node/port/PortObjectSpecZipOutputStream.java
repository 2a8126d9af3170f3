package org.knime.core.node.port;

import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/**
 * The zip stream a port object or spec is written through.
 */
public class PortObjectSpecZipOutputStream extends ZipOutputStream {

    /**
     * @param out the underlying stream
     */
    PortObjectSpecZipOutputStream(final OutputStream out) {
        super(out);
    }
}
