package io.jenkins.plugins.seldon.client.error;

/**
 * The request needs a newer Seldon Enterprise Platform release than the server runs, so it was not sent. The message
 * names both releases.
 */
public class UnsupportedVersionException extends SeldonException {

    private static final long serialVersionUID = 1L;

    private final String required;
    private final String running;

    /**
     * @param required the first release that has the request, e.g. {@code 2.0}
     * @param running the release the server reported, e.g. {@code 1.7.1}
     */
    public UnsupportedVersionException(String message, String required, String running) {
        super(message);
        this.required = required;
        this.running = running;
    }

    /** The first release that has the request, e.g. {@code 2.0}. */
    public String required() {
        return required;
    }

    /** The release the server runs, as it reported it. */
    public String running() {
        return running;
    }
}
