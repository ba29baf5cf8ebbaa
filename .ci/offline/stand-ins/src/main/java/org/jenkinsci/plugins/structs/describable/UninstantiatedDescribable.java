package org.jenkinsci.plugins.structs.describable;

import java.io.Serializable;
import java.util.Map;

public class UninstantiatedDescribable implements Serializable {
    public Map<String, Object> toMap() {
        throw new UnsupportedOperationException("stand-in");
    }
}
