package org.knime.core.node.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds a {@link Message}; a message is only built when a summary was set.
 */
public final class MessageBuilder {

    private String m_summary;

    private String m_firstIssue;

    private long m_issueCount;

    private final List<String> m_resolutions = new ArrayList<>();

    MessageBuilder() {
    }

    MessageBuilder(final Message message) {
        m_summary = message.getSummary();
        m_firstIssue = message.getIssue().orElse(null);
        m_issueCount = m_firstIssue == null ? 0 : 1;
        m_resolutions.addAll(message.getResolutions());
    }

    /**
     * @return the summary set so far
     */
    public Optional<String> getSummary() {
        return Optional.ofNullable(m_summary);
    }

    /**
     * @param summary the summary; null means no message will be built
     * @return this
     */
    public MessageBuilder withSummary(final String summary) {
        m_summary = summary;
        return this;
    }

    /**
     * @param description the issue text, not null
     * @return this
     * @throws IllegalArgumentException if the description is null
     */
    public MessageBuilder addTextIssue(final String description) {
        if (description == null) {
            throw new IllegalArgumentException("Issue description must not be null");
        }
        return addIssue(description);
    }

    /**
     * @param portIndex input port of the table
     * @param columnIndex zero-based column index
     * @param rowIndex zero-based row index
     * @param description the problem, may be null
     * @return this
     */
    public MessageBuilder addRowIssue(final int portIndex, final int columnIndex, final long rowIndex,
        final String description) {
        return addIssue("Port " + portIndex + ", row " + rowIndex + ", column " + columnIndex
            + (description == null ? "" : ": " + description));
    }

    /**
     * @param portIndex input port of the table
     * @param rowIndex zero-based row index
     * @param description the problem, may be null
     * @return this
     */
    public MessageBuilder addRowIssue(final int portIndex, final long rowIndex, final String description) {
        return addIssue("Port " + portIndex + ", row " + rowIndex + (description == null ? "" : ": " + description));
    }

    private MessageBuilder addIssue(final String issue) {
        if (m_firstIssue == null) {
            m_firstIssue = issue;
        }
        m_issueCount++;
        return this;
    }

    /**
     * @param res resolution hints, none null
     * @return this
     * @throws IllegalArgumentException if the array or an element is null
     */
    public MessageBuilder addResolutions(final String... res) {
        if (res == null || Arrays.asList(res).contains(null)) {
            throw new IllegalArgumentException("Argument must not contain null elements");
        }
        m_resolutions.addAll(Arrays.asList(res));
        return this;
    }

    /**
     * @return the first issue added, if any
     */
    public Optional<String> getFirstIssue() {
        return Optional.ofNullable(m_firstIssue);
    }

    /**
     * @return the number of issues added
     */
    public long getIssueCount() {
        return m_issueCount;
    }

    /**
     * @return the message, or empty if no summary was set
     */
    public Optional<Message> build() {
        if (m_summary == null) {
            return Optional.empty();
        }
        return Optional.of(new Message(m_summary, m_firstIssue, m_resolutions));
    }
}
