package io.jenkins.plugins.casc.misc;


public class JenkinsConfiguredWithCodeRule extends JenkinsConfiguredRule {}
