package org.knime.core.node;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A named logger for node implementations; messages go to {@link java.util.logging}.
 */
public final class NodeLogger {

    private static final Map<String, NodeLogger> LOGGERS = new ConcurrentHashMap<>();

    private final Logger m_logger;

    private NodeLogger(final String name) {
        m_logger = Logger.getLogger(name);
    }

    /**
     * @param c the class whose name names the logger
     * @return the logger
     */
    public static NodeLogger getLogger(final Class<?> c) {
        return getLogger(c.getName());
    }

    /**
     * @param s the logger name
     * @return the logger
     */
    public static NodeLogger getLogger(final String s) {
        return LOGGERS.computeIfAbsent(s, NodeLogger::new);
    }

    private void log(final Level level, final Object o, final Throwable t) {
        m_logger.log(level, String.valueOf(o), t);
    }

    /** @param o message */
    public void debug(final Object o) {
        log(Level.FINE, o, null);
    }

    /** @param o message @param t cause */
    public void debug(final Object o, final Throwable t) {
        log(Level.FINE, o, t);
    }

    /** @param format template @param args arguments */
    public void debugWithFormat(final String format, final Object... args) {
        if (isDebugEnabled()) {
            debug(String.format(format, args));
        }
    }

    /** @param o message */
    public void info(final Object o) {
        log(Level.INFO, o, null);
    }

    /** @param o message @param t cause */
    public void info(final Object o, final Throwable t) {
        log(Level.INFO, o, t);
    }

    /** @param format template @param args arguments */
    public void infoWithFormat(final String format, final Object... args) {
        info(String.format(format, args));
    }

    /** @param o message */
    public void warn(final Object o) {
        log(Level.WARNING, o, null);
    }

    /** @param o message @param t cause */
    public void warn(final Object o, final Throwable t) {
        log(Level.WARNING, o, t);
    }

    /** @param format template @param args arguments */
    public void warnWithFormat(final String format, final Object... args) {
        warn(String.format(format, args));
    }

    /** @param o message */
    public void error(final Object o) {
        log(Level.SEVERE, o, null);
    }

    /** @param o message @param t cause */
    public void error(final Object o, final Throwable t) {
        log(Level.SEVERE, o, t);
    }

    /** @param format template @param args arguments */
    public void errorWithFormat(final String format, final Object... args) {
        error(String.format(format, args));
    }

    /** @param o message about a programming error */
    public void coding(final Object o) {
        log(Level.SEVERE, "CODING PROBLEM\t" + o, null);
    }

    /** @param o message about a programming error @param t cause */
    public void coding(final Object o, final Throwable t) {
        log(Level.SEVERE, "CODING PROBLEM\t" + o, t);
    }

    /** @param o message */
    public void fatal(final Object o) {
        log(Level.SEVERE, o, null);
    }

    /** @param o message @param t cause */
    public void fatal(final Object o, final Throwable t) {
        log(Level.SEVERE, o, t);
    }

    /** @return whether debug messages are logged */
    public boolean isDebugEnabled() {
        return m_logger.isLoggable(Level.FINE);
    }

    /** @return whether info messages are logged */
    public boolean isInfoEnabled() {
        return m_logger.isLoggable(Level.INFO);
    }
}
