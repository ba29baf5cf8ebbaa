package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;
import java.io.Serializable;

public abstract class DomainSpecification extends AbstractDescribableImpl<DomainSpecification>
        implements ExtensionPoint, Serializable {}
