package org.jvnet.hudson.test;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.security.AbstractPasswordBasedSecurityRealm;
import hudson.tasks.Builder;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.util.concurrent.Future;
import jenkins.model.Jenkins;

public class JenkinsRule {
    public Jenkins jenkins;

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public FreeStyleProject createFreeStyleProject(String name) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public DummySecurityRealm createDummySecurityRealm() {
        throw new UnsupportedOperationException("stand-in");
    }

    public URL getURL() throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public void configRoundtrip() throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public <B extends Builder> B configRoundtrip(B before) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    @SuppressWarnings("rawtypes")
    public <R extends Run> R assertBuildStatus(Result status, Future<? extends R> r) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    @SuppressWarnings("rawtypes")
    public <R extends Run> R assertBuildStatus(Result status, R r) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    @SuppressWarnings("rawtypes")
    public <R extends Run> R assertBuildStatusSuccess(R r) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public FreeStyleBuild buildAndAssertSuccess(@NonNull FreeStyleProject job) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    @SuppressWarnings("rawtypes")
    public void assertLogContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    @SuppressWarnings("rawtypes")
    public static String getLog(Run run) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public void assertLogNotContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public <R extends Run<?, ?>> R waitForCompletion(R r) throws InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public <R extends Run<?, ?>> R waitForMessage(String message, R r) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public void assertEqualDataBoundBeans(Object lhs, Object rhs)
            throws InvocationTargetException, NoSuchMethodException, IllegalAccessException {
        throw new UnsupportedOperationException("stand-in");
    }

    public static class DummySecurityRealm extends AbstractPasswordBasedSecurityRealm {}
}
