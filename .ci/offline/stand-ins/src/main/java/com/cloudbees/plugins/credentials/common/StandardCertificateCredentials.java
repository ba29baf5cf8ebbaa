package com.cloudbees.plugins.credentials.common;

public interface StandardCertificateCredentials extends CertificateCredentials, StandardCredentials {}
