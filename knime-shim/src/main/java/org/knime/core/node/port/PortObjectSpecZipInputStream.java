package org.knime.core.node.port;

import java.io.InputStream;
import java.util.zip.ZipInputStream;

/**
 * The zip stream a port object or spec is read through.
 */
public class PortObjectSpecZipInputStream extends ZipInputStream {

    /**
     * @param in the underlying stream
     */
    PortObjectSpecZipInputStream(final InputStream in) {
        super(in);
    }
}
