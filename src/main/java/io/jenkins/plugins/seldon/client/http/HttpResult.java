package io.jenkins.plugins.seldon.client.http;

import okhttp3.Headers;

/** A response read completely: status, headers and the body as text. */
public record HttpResult(int status, Headers headers, String body) {

    /** The media type without parameters, lower case, or {@code ""}. */
    public String contentType() {
        String ct = headers.get("Content-Type");
        if (ct == null) {
            return "";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }
}
