package hudson.model;


public abstract class InvisibleAction implements Action {
    public String getUrlName() {
        throw new UnsupportedOperationException("stand-in");
    }
}
