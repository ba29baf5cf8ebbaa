package io.jenkins.plugins.seldon.config;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.okhttp.api.JenkinsOkHttpClient;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.PreemptiveProxyAuthorization;
import java.net.Proxy;
import jenkins.model.Jenkins;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;

/**
 * The HTTP client factory and token cache every server and build of this controller shares. The factory's clients
 * go through Jenkins' proxy settings (Manage Jenkins » Plugins » Advanced), read at each request, with its no-proxy
 * hosts and proxy credentials.
 */
final class SharedClients {

    private SharedClients() {}

    /** Created on first use, so that merely loading the plugin's classes needs no running Jenkins. */
    private static final class Holder {
        static final HttpClientFactory HTTP = new HttpClientFactory(JenkinsOkHttpClient.newClientBuilder(new OkHttpClient())
                .addInterceptor(new PreemptiveProxyAuthorization(SharedClients::proxyCredentials))
                .build());
        static final TokenCache TOKENS = new TokenCache();
    }

    /** Jenkins' proxy credentials for a host that its proxy settings send through an HTTP proxy, else null. */
    private static String proxyCredentials(String host) {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        if (proxy == null || proxy.getUserName() == null || proxy.createProxy(host).type() != Proxy.Type.HTTP) {
            return null;
        }
        return Credentials.basic(proxy.getUserName(), Secret.toString(proxy.getSecretPassword()));
    }

    static HttpClientFactory http() {
        return Holder.HTTP;
    }

    static TokenCache tokens() {
        return Holder.TOKENS;
    }
}
