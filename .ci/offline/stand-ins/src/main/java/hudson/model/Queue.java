package hudson.model;


public class Queue {
    public interface Task {}
}
