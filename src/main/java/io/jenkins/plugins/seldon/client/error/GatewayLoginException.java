package io.jenkins.plugins.seldon.client.error;

/**
 * Logging in through the authenticating gateway in front of the API failed: the login page refused the user, offered
 * no form the plugin can fill, or would have sent the password somewhere it may not go. {@link #reason()} tells which.
 */
public class GatewayLoginException extends SeldonException {

    private static final long serialVersionUID = 1L;

    /** What went wrong while logging in. */
    public enum Reason {
        /** The login form came back after the user name and password were posted. */
        CREDENTIALS_REFUSED,
        /** Dex showed its choice of login backends (connectors) instead of a login form. */
        CONNECTOR_CHOICE,
        /** No page on the way had a login form the plugin recognises. */
        NO_LOGIN_FORM,
        /** The password would have gone to another origin than allowed, over plain http, or in a URL: not sent. */
        PASSWORD_NOT_SENT,
        /** The gateway redirected too often, to a non-http(s) URL, or from https to plain http. */
        BAD_REDIRECT,
        /** The API answered without asking to log in: no authenticating gateway is in front of it. */
        NO_GATEWAY,
        /**
         * The identity provider did not send the login back to the gateway: an error page, or a page asking for more
         * than a user name and password.
         */
        LOGIN_INCOMPLETE,
        /** The login went through, but the gateway set no session cookie of the configured name. */
        NO_SESSION_COOKIE,
        /** The login went through, but the gateway sent the API URL back to the login page: it refuses its session. */
        SESSION_REFUSED,
        /** The login went through, but the gateway set its session cookie for another host than the API URL's. */
        SESSION_ELSEWHERE,
        /** The gateway or the identity provider failed or is unavailable (HTTP 5xx). */
        GATEWAY_FAILED
    }

    private final Reason reason;
    private final int status;
    private final String where;

    /**
     * @param status the HTTP status of the answer that ended the login, or 0
     * @param where the URL that answered, without query
     */
    public GatewayLoginException(String message, Reason reason, int status, String where) {
        super(message);
        this.reason = reason;
        this.status = status;
        this.where = where;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status of the answer that ended the login, or 0. */
    public int status() {
        return status;
    }

    /** The URL that answered last, without query or user information. */
    public String where() {
        return where;
    }
}
