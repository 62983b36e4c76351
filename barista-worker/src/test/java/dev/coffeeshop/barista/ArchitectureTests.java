package dev.coffeeshop.barista;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.coffeeshop.testsupport.ServiceArchitecture;

/** The baristas keep the architecture every service keeps; each rule says why in {@link ServiceArchitecture}. */
@AnalyzeClasses(packages = "dev.coffeeshop.barista")
class ArchitectureTests {

    @ArchTest
    static final ArchTests everyServiceKeeps = ArchTests.in(ServiceArchitecture.class);
}
