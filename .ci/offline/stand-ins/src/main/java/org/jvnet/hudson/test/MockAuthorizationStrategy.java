package org.jvnet.hudson.test;

import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;

public class MockAuthorizationStrategy extends AuthorizationStrategy {
    public MockAuthorizationStrategy() {}

    public Grant grant(Permission... permissions) {
        throw new UnsupportedOperationException("stand-in");
    }

    public class Grant {
        public class GrantOn {
            public MockAuthorizationStrategy to(String... sids) {
                throw new UnsupportedOperationException("stand-in");
            }
        }

        public GrantOn everywhere() {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
