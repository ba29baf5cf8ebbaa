package com.cloudbees.plugins.credentials.domains;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public class HostnameSpecification extends DomainSpecification {
    public HostnameSpecification(@CheckForNull String includes, @CheckForNull String excludes) {
        throw new UnsupportedOperationException("stand-in");
    }
}
