package io.github.scllm.knime.node;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.util.FileUtil;

/**
 * Turns the value of a file or folder setting into a local path, in configure and in execute, the same way for every
 * node: an absolute local path, a path relative to the workflow, a {@code file:} URL or a {@code knime://} URL
 * ({@code knime.workflow}, {@code knime.mountpoint}, a mount point such as {@code LOCAL}), resolved by KNIME's own
 * resolver ({@link FileUtil}). A value that cannot be resolved to a local file fails with a message naming the
 * setting, the value and what to enter instead. Flow variables override a setting's value before it gets here.
 */
public final class LocalFiles {

    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:[\\\\/]");

    private static final String ACCEPTED = "Enter a local path, a path relative to the workflow, or a "
        + "knime://knime.workflow/…, knime://knime.mountpoint/… or knime://LOCAL/… URL";

    private LocalFiles() {
    }

    /**
     * @param value the setting's value
     * @param setting how the dialog names the setting, e.g. "Input file"
     * @return the local path the value denotes (which need not exist), or null when the value is blank
     * @throws InvalidSettingsException if the value denotes no local file
     */
    public static Path optional(String value, String setting) throws InvalidSettingsException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        URL url;
        try {
            url = FileUtil.toURL(isRelativePath(v) ? "knime://knime.workflow/" + encodedPath(v) : v);
        } catch (MalformedURLException | InvalidPathException | URISyntaxException e) {
            throw new InvalidSettingsException(setting + " '" + v + "' is neither a valid path nor a valid URL ("
                + e.getMessage() + "). " + ACCEPTED + ".", e);
        }
        Path path;
        try {
            path = FileUtil.resolveToPath(url);
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            throw new InvalidSettingsException(setting + " '" + v + "' cannot be resolved to a local file: "
                + e.getMessage() + " " + ACCEPTED + ".", e);
        }
        if (path == null) {
            throw new InvalidSettingsException(setting + " '" + v + "' is not a local file (" + url.getProtocol()
                + " URLs are not read directly): download it first. " + ACCEPTED + ".");
        }
        return path;
    }

    /**
     * @param value the setting's value
     * @param setting how the dialog names the setting
     * @param advice what to choose, used when the value is blank or names no existing file or folder
     * @return the local path of an existing file or folder
     * @throws InvalidSettingsException if the value is blank, denotes no local file, or nothing exists there
     */
    public static Path existing(String value, String setting, String advice) throws InvalidSettingsException {
        Path path = optional(value, setting);
        if (path == null) {
            throw new InvalidSettingsException("No " + setting.toLowerCase(java.util.Locale.ROOT) + " selected. "
                + advice);
        }
        if (!Files.exists(path)) {
            throw new InvalidSettingsException(setting + " " + path + (path.toString().equals(value.strip()) ? ""
                : " (from '" + value.strip() + "')") + " does not exist. " + advice);
        }
        return path;
    }

    /** A value without a URL scheme that is not absolute is relative to the workflow. */
    private static boolean isRelativePath(String v) {
        if (WINDOWS_DRIVE.matcher(v).find() || v.startsWith("/") || v.startsWith("\\")) {
            return false;
        }
        return !URL_SCHEME.matcher(v).find();
    }

    private static String encodedPath(String relative) throws URISyntaxException {
        return new URI(null, null, relative.replace('\\', '/'), null).getRawPath();
    }
}
