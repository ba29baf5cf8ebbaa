package io.jenkins.plugins.seldon.client.error;

/**
 * The server answered something other than the JSON the API returns: a redirect (typically to a login page, because
 * the gateway did not accept the credentials), an HTML page, or a body that is not JSON.
 */
public class UnexpectedResponseException extends SeldonException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String location;

    /**
     * @param location the redirect target without query, or {@code null} when the response was no redirect
     */
    public UnexpectedResponseException(String message, int status, String location) {
        super(message);
        this.status = status;
        this.location = location;
    }

    public int status() {
        return status;
    }

    /** Where a redirect pointed (scheme, host and path only), or {@code null}. */
    public String location() {
        return location;
    }
}
