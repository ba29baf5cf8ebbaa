package io.jenkins.plugins.seldon.client.api;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** Reads past every item of a list and keeps nothing, for tests about requests rather than items. */
final class SkipItems implements SeldonClient.ItemCollector<Void> {

    @Override
    public void add(JsonParser parser) throws IOException {
        parser.skipChildren();
    }

    @Override
    public Void result() {
        return null;
    }
}
