package hudson.security;


public abstract class AbstractPasswordBasedSecurityRealm extends SecurityRealm {}
