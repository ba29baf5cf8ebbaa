package com.cloudbees.hudson.plugins.folder;

import hudson.model.AbstractItem;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;

public abstract class AbstractFolder<I extends TopLevelItem> extends AbstractItem implements ItemGroup<I>, TopLevelItem {}
