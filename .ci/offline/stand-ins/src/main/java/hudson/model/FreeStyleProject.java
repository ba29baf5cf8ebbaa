package hudson.model;


public class FreeStyleProject extends Project<FreeStyleProject, FreeStyleBuild> implements TopLevelItem {}
