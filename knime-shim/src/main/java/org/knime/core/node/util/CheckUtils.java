package org.knime.core.node.util;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.knime.core.node.InvalidSettingsException;

/**
 * Static precondition checks; messages built from a template are formatted only when the check fails.
 */
public final class CheckUtils {

    private CheckUtils() {
    }

    /**
     * @param <T> the argument type
     * @param toCheck the argument
     * @param template message template for {@link String#format(String, Object...)}
     * @param templateArgs template arguments
     * @return the argument
     * @throws IllegalArgumentException if the argument is null
     */
    public static <T> T checkArgumentNotNull(final T toCheck, final String template, final Object... templateArgs) {
        if (toCheck == null) {
            throw new IllegalArgumentException(String.format(template, templateArgs));
        }
        return toCheck;
    }

    /**
     * @param <T> the argument type
     * @param toCheck the argument
     * @return the argument
     * @throws IllegalArgumentException if the argument is null
     */
    public static <T> T checkArgumentNotNull(final T toCheck) {
        if (toCheck == null) {
            throw new IllegalArgumentException("Argument must not be null");
        }
        return toCheck;
    }

    /**
     * @param predicate the condition
     * @param message the message when it fails
     * @throws IllegalArgumentException if the condition is false
     */
    public static void checkArgument(final boolean predicate, final String message) {
        if (!predicate) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * @param predicate the condition
     * @param template message template
     * @param templateArgs template arguments
     * @throws IllegalArgumentException if the condition is false
     */
    public static void checkArgument(final boolean predicate, final String template, final Object... templateArgs) {
        if (!predicate) {
            throw new IllegalArgumentException(String.format(template, templateArgs));
        }
    }

    /**
     * @param predicate the condition
     * @param message the message when it fails
     * @throws IllegalStateException if the condition is false
     */
    public static void checkState(final boolean predicate, final String message) {
        if (!predicate) {
            throw new IllegalStateException(message);
        }
    }

    /**
     * @param predicate the condition
     * @param template message template
     * @param templateArgs template arguments
     * @throws IllegalStateException if the condition is false
     */
    public static void checkState(final boolean predicate, final String template, final Object... templateArgs) {
        if (!predicate) {
            throw new IllegalStateException(String.format(template, templateArgs));
        }
    }

    /**
     * @param <T> the argument type
     * @param toCheck the argument
     * @return the argument
     * @throws NullPointerException if the argument is null
     */
    public static <T> T checkNotNull(final T toCheck) {
        if (toCheck == null) {
            throw new NullPointerException();
        }
        return toCheck;
    }

    /**
     * @param <T> the argument type
     * @param toCheck the argument
     * @param message the message when it is null
     * @return the argument
     * @throws NullPointerException if the argument is null
     */
    public static <T> T checkNotNull(final T toCheck, final String message) {
        if (toCheck == null) {
            throw new NullPointerException(message);
        }
        return toCheck;
    }

    /**
     * @param <T> the argument type
     * @param toCheck the argument
     * @param template message template
     * @param templateArgs template arguments
     * @return the argument
     * @throws NullPointerException if the argument is null
     */
    public static <T> T checkNotNull(final T toCheck, final String template, final Object... templateArgs) {
        if (toCheck == null) {
            throw new NullPointerException(String.format(template, templateArgs));
        }
        return toCheck;
    }

    /**
     * @param predicate the condition on a setting
     * @param template message template
     * @param templateArgs template arguments
     * @throws InvalidSettingsException if the condition is false
     */
    public static void checkSetting(final boolean predicate, final String template, final Object... templateArgs)
        throws InvalidSettingsException {
        if (!predicate) {
            throw new InvalidSettingsException(String.format(template, templateArgs));
        }
    }

    /**
     * @param <T> the setting type
     * @param toCheck the setting
     * @param template message template
     * @param templateArgs template arguments
     * @return the setting
     * @throws InvalidSettingsException if the setting is null
     */
    public static <T> T checkSettingNotNull(final T toCheck, final String template, final Object... templateArgs)
        throws InvalidSettingsException {
        if (toCheck == null) {
            throw new InvalidSettingsException(String.format(template, templateArgs));
        }
        return toCheck;
    }

    /**
     * Checks that a local source file exists, is a regular file and is readable. URLs other than {@code file:} are
     * only checked for being non-empty.
     *
     * @param urlOrPath a path or URL
     * @return null (no warning) if the file is fine
     * @throws InvalidSettingsException if no location is given, it is malformed, missing, a directory or unreadable
     */
    public static String checkSourceFile(final String urlOrPath) throws InvalidSettingsException {
        if (urlOrPath == null || urlOrPath.isBlank()) {
            throw new InvalidSettingsException("No location provided! Please enter a valid location.");
        }
        Path path;
        try {
            if (urlOrPath.startsWith("file:")) {
                path = Paths.get(new URI(urlOrPath));
            } else if (urlOrPath.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:/.*")) {
                return null;
            } else {
                path = Paths.get(urlOrPath);
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new InvalidSettingsException("Invalid file system path or URL \"" + urlOrPath + "\": "
                + e.getMessage(), e);
        }
        if (!Files.exists(path)) {
            throw new InvalidSettingsException("Input file '" + path + "' does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new InvalidSettingsException("Input location '" + path + "' is a directory");
        }
        if (!Files.isReadable(path)) {
            throw new InvalidSettingsException("Input file '" + path + "' is not readable");
        }
        return null;
    }
}
