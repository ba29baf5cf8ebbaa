package hudson.model;


public interface Action {}
