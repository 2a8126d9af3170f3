package org.knime.core.node.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBaseRO;
import org.knime.core.node.config.base.ConfigBaseWO;

/**
 * An immutable user-facing message: a summary, an optional issue detail and possible resolutions.
 */
public final class Message {

    private static final String CFG_SUMMARY = "summary";

    private static final String CFG_ISSUE = "issue";

    private static final String CFG_ISSUE_TEXT = "text";

    private static final String CFG_RESOLUTIONS = "resolutions";

    private final String m_summary;

    private final String m_issue;

    private final List<String> m_resolutions;

    Message(final String summary, final String issue, final List<String> resolutions) {
        m_summary = Objects.requireNonNull(summary, "summary");
        m_issue = issue;
        m_resolutions = List.copyOf(resolutions);
    }

    /**
     * @return the summary, never null
     */
    public String getSummary() {
        return m_summary;
    }

    /** @return the preformatted issue detail, if any */
    Optional<String> getIssue() {
        return Optional.ofNullable(m_issue);
    }

    /**
     * @return the resolutions, possibly empty
     */
    public List<String> getResolutions() {
        return m_resolutions;
    }

    /**
     * @return the summary followed by the issue detail, for logging
     */
    public String toLogPrintable() {
        return m_issue == null ? m_summary : m_summary + "\n" + m_issue;
    }

    /**
     * @param message a message or null
     * @return its summary or null
     */
    public static String getSummaryFrom(final Message message) {
        return message == null ? null : message.getSummary();
    }

    /**
     * @param config the target
     */
    public void saveTo(final ConfigBaseWO config) {
        config.addString(CFG_SUMMARY, m_summary);
        if (m_issue != null) {
            config.addConfigBase(CFG_ISSUE).addString(CFG_ISSUE_TEXT, m_issue);
        }
        config.addStringArray(CFG_RESOLUTIONS, m_resolutions.toArray(String[]::new));
    }

    /**
     * @param config the source
     * @return the message, or empty if none was saved
     * @throws InvalidSettingsException if the saved message is incomplete
     */
    public static Optional<Message> load(final ConfigBaseRO config) throws InvalidSettingsException {
        if (!config.containsKey(CFG_SUMMARY)) {
            return Optional.empty();
        }
        MessageBuilder b = builder().withSummary(config.getString(CFG_SUMMARY));
        if (config.containsKey(CFG_ISSUE)) {
            b.addTextIssue(config.getConfigBase(CFG_ISSUE).getString(CFG_ISSUE_TEXT));
        }
        return b.addResolutions(config.getStringArray(CFG_RESOLUTIONS)).build();
    }

    /**
     * @return a new, empty builder
     */
    public static MessageBuilder builder() {
        return new MessageBuilder();
    }

    /**
     * @return a builder initialised with this message's fields
     */
    public MessageBuilder modify() {
        return new MessageBuilder(this);
    }

    /**
     * @param summary the summary, not null
     * @return a message with only a summary
     * @throws IllegalArgumentException if the summary is null
     */
    public static Message fromSummary(final String summary) {
        return builder().withSummary(summary).build()
            .orElseThrow(() -> new IllegalArgumentException("argument must not be null"));
    }

    /**
     * @param summary the summary, not null
     * @param portIndex input port of the table with the problem
     * @param row zero-based row index
     * @param column zero-based column index
     * @param description the problem, may be null
     * @return a message with a row issue
     * @throws IllegalArgumentException if the summary is null
     */
    public static Message fromRowIssue(final String summary, final int portIndex, final long row, final int column,
        final String description) {
        return builder().withSummary(summary).addRowIssue(portIndex, column, row, description).build()
            .orElseThrow(() -> new IllegalArgumentException("argument must not be null"));
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Message m && m.m_summary.equals(m_summary) && Objects.equals(m.m_issue, m_issue)
            && m.m_resolutions.equals(m_resolutions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_summary, m_issue, m_resolutions);
    }

    @Override
    public String toString() {
        return "Message[summary=" + m_summary + ", issue=" + m_issue + ", resolutions=" + m_resolutions + "]";
    }
}
