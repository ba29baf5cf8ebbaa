package org.jenkinsci.plugins.credentialsbinding.masking;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.console.LineTransformationOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.regex.Pattern;

public class SecretPatterns {
    public static @NonNull Pattern getAggregateSecretPattern(@NonNull Collection<String> inputs) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static class MaskingOutputStream extends LineTransformationOutputStream.Delegating {
        public MaskingOutputStream(@NonNull OutputStream out, @NonNull Supplier<Pattern> secretPattern,
                @NonNull String charsetName) {
            super(out);
            throw new UnsupportedOperationException("stand-in");
        }

        @Override
        protected void eol(byte[] b, int len) throws IOException {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
