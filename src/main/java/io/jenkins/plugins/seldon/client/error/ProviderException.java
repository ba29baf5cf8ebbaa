package io.jenkins.plugins.seldon.client.error;

/**
 * The OIDC provider refused or failed a discovery or token request. Carries the OIDC {@code error} code (e.g.
 * {@code invalid_client}, {@code invalid_grant}) and {@code error_description} when the provider sent them.
 */
public class ProviderException extends SeldonException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String errorDescription;
    private final String endpoint;

    /**
     * @param status the HTTP status, or 0 when the provider answered 2xx with an unusable body
     * @param endpoint the URL that was called, without query
     */
    public ProviderException(String message, int status, String error, String errorDescription, String endpoint) {
        super(message);
        this.status = status;
        this.error = error;
        this.errorDescription = errorDescription;
        this.endpoint = endpoint;
    }

    public int status() {
        return status;
    }

    /** The OIDC {@code error} code, or {@code null}. */
    public String error() {
        return error;
    }

    /** The OIDC {@code error_description}, or {@code null}. */
    public String errorDescription() {
        return errorDescription;
    }

    /** The discovery or token endpoint URL. */
    public String endpoint() {
        return endpoint;
    }
}
