package hudson;

import hudson.util.Secret;
import java.io.Serializable;
import java.net.Proxy;

public final class ProxyConfiguration implements Serializable {
    public ProxyConfiguration(String name, int port, String userName, String password, String noProxyHost) {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getUserName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public Secret getSecretPassword() {
        throw new UnsupportedOperationException("stand-in");
    }

    public Proxy createProxy(String host) {
        throw new UnsupportedOperationException("stand-in");
    }
}
