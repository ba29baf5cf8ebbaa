package io.jenkins.plugins.seldon.config;

import io.jenkins.plugins.okhttp.api.JenkinsOkHttpClient;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import okhttp3.OkHttpClient;

/**
 * The HTTP client factory and token cache every server and build of this controller shares. The factory's clients
 * go through Jenkins' proxy settings (Manage Jenkins » Plugins » Advanced), read at each connection, with its
 * no-proxy hosts and proxy credentials.
 */
final class SharedClients {

    private SharedClients() {}

    /** Created on first use, so that merely loading the plugin's classes needs no running Jenkins. */
    private static final class Holder {
        static final HttpClientFactory HTTP =
                new HttpClientFactory(JenkinsOkHttpClient.newClientBuilder(new OkHttpClient()).build());
        static final TokenCache TOKENS = new TokenCache();
    }

    static HttpClientFactory http() {
        return Holder.HTTP;
    }

    static TokenCache tokens() {
        return Holder.TOKENS;
    }
}
