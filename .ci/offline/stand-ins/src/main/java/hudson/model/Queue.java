package hudson.model;


public class Queue {
    public interface Task {}

    public interface Executable {}
}
