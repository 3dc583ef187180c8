package org.parley.support.archfixture.internal;

/** Stands for an entity in the architecture fixtures. */
public class Thing {
}
