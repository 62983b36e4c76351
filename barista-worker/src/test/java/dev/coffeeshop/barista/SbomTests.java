package dev.coffeeshop.barista;

import dev.coffeeshop.testsupport.SbomChecks;

/** The SBOM the build puts into the jar: what {@link SbomChecks} says every service's must say. */
class SbomTests extends SbomChecks {

    SbomTests() {
        super("barista-worker");
    }
}
