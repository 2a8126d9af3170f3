package org.knime.core.node;

import org.knime.core.node.message.Message;

/**
 * An execution failure carrying a user-facing {@link Message}.
 */
public final class KNIMEException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Message m_message;

    /**
     * @param message the text, also used as the message summary
     * @param cause the cause
     */
    public KNIMEException(final String message, final Throwable cause) {
        super(message, cause);
        m_message = summaryOf(message, cause);
    }

    /**
     * @param message the text, also used as the message summary
     */
    public KNIMEException(final String message) {
        super(message);
        m_message = summaryOf(message, null);
    }

    private KNIMEException(final Message knimeMessage, final Throwable cause) {
        super(knimeMessage.getSummary(), cause);
        m_message = knimeMessage;
    }

    private static Message summaryOf(final String message, final Throwable cause) {
        if (message != null) {
            return Message.fromSummary(message);
        }
        if (cause != null && cause.getMessage() != null) {
            return Message.fromSummary(cause.getMessage());
        }
        return Message.fromSummary("unknown reason");
    }

    /**
     * @return the user-facing message
     */
    public Message getKNIMEMessage() {
        return m_message;
    }

    /**
     * @param message the message, not null
     * @return the exception
     * @throws IllegalArgumentException if the message is null
     */
    public static KNIMEException of(final Message message) {
        if (message == null) {
            throw new IllegalArgumentException("Argument must not be null");
        }
        return new KNIMEException(message, null);
    }

    /**
     * @param message the message, not null
     * @param cause the cause
     * @return the exception
     * @throws IllegalArgumentException if the message is null
     */
    public static KNIMEException of(final Message message, final Throwable cause) {
        if (message == null) {
            throw new IllegalArgumentException("Argument must not be null");
        }
        return new KNIMEException(message, cause);
    }

    /**
     * @return an unchecked exception with this one as cause
     */
    public KNIMERuntimeException toUnchecked() {
        return new KNIMERuntimeException();
    }

    /** The unchecked form of a {@link KNIMEException}. */
    public final class KNIMERuntimeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        KNIMERuntimeException() {
            super(KNIMEException.this.getMessage(), KNIMEException.this);
        }

        @Override
        public synchronized KNIMEException getCause() {
            return (KNIMEException)super.getCause();
        }

        /**
         * @return the user-facing message
         */
        public Message getKNIMEMessage() {
            return getCause().getKNIMEMessage();
        }
    }
}
