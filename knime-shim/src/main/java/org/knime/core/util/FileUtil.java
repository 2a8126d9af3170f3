package org.knime.core.util;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Pattern;

import io.github.scllm.shim.harness.WorkflowLocation;

/**
 * Conversion between the strings of file settings, URLs and local paths. {@code knime://} URLs name files relative
 * to the running workflow ({@code knime.workflow}), to its mount point ({@code knime.mountpoint}) or to a mount point
 * by ID (e.g. {@code LOCAL}); the shim takes those folders from the harness's {@link WorkflowLocation}.
 */
public final class FileUtil {

    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:[\\\\/]");

    private static final String KNIME_PROTOCOL = "knime";

    private static final String WORKFLOW_HOST = "knime.workflow";

    private static final String MOUNTPOINT_HOST = "knime.mountpoint";

    /** Opens knime:// URLs through the local file they resolve to. */
    private static final URLStreamHandler KNIME_URLS = new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(final URL u) throws IOException {
            try {
                Path p = resolveToPath(u);
                if (p == null) {
                    throw new IOException(u + " does not denote a local file.");
                }
                return p.toUri().toURL().openConnection();
            } catch (URISyntaxException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    };

    private FileUtil() {
    }

    /**
     * Turns a file setting's value into a URL: URLs stay URLs, anything else is a local path (a relative one is
     * relative to the working directory of the process).
     *
     * @param url a URL or a local path
     * @return the URL
     * @throws MalformedURLException if it looks like a URL but is not a valid one
     * @throws InvalidPathException if it is not a valid local path either
     */
    public static URL toURL(final String url) throws MalformedURLException, InvalidPathException {
        if (WINDOWS_DRIVE.matcher(url).find() || !URL_SCHEME.matcher(url).find()) {
            return Paths.get(url).toUri().toURL();
        }
        String escaped = url.replace(" ", "%20");
        if (escaped.regionMatches(true, 0, KNIME_PROTOCOL + ":", 0, KNIME_PROTOCOL.length() + 1)) {
            return new URL(null, escaped, KNIME_URLS);
        }
        return new URL(escaped);
    }

    /**
     * @param url a URL
     * @return the local path it denotes, or null if it denotes no local file (e.g. an http URL)
     * @throws IOException if a knime:// URL cannot be resolved (no workflow, unknown mount point, leaving it)
     * @throws URISyntaxException if the URL is not a valid URI
     */
    public static Path resolveToPath(final URL url) throws IOException, URISyntaxException {
        String protocol = url.getProtocol();
        if ("file".equalsIgnoreCase(protocol)) {
            return Paths.get(url.toURI());
        }
        if (!KNIME_PROTOCOL.equalsIgnoreCase(protocol)) {
            return null;
        }
        String host = url.getHost();
        String path = url.toURI().getPath();
        String relative = path == null ? "" : path.replaceFirst("^/+", "");
        Path mountRoot;
        Path base;
        if (WORKFLOW_HOST.equals(host)) {
            base = WorkflowLocation.workflow().orElseThrow(() -> new IOException(
                "No workflow is running, so " + url + " cannot be resolved."));
            mountRoot = WorkflowLocation.currentMountpoint().flatMap(WorkflowLocation::mountpoint).orElse(null);
        } else if (MOUNTPOINT_HOST.equals(host)) {
            base = WorkflowLocation.currentMountpoint().flatMap(WorkflowLocation::mountpoint).orElseThrow(
                () -> new IOException("No workflow is running, so " + url + " cannot be resolved."));
            mountRoot = base;
        } else {
            base = WorkflowLocation.mountpoint(host).orElseThrow(
                () -> new IOException("Unknown mount point '" + host + "' in " + url + "."));
            mountRoot = base;
        }
        Path resolved = base.resolve(relative).normalize();
        if (mountRoot != null && !resolved.startsWith(mountRoot)) {
            throw new IOException(url + " leaves its mount point " + mountRoot + ".");
        }
        return resolved;
    }

    /**
     * @param url a URL
     * @return the local file it denotes, or null if it denotes none or cannot be resolved
     */
    public static File getFileFromURL(final URL url) {
        try {
            Path p = resolveToPath(url);
            return p == null ? null : p.toFile();
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
