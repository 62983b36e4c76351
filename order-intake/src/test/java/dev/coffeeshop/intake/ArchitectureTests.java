package dev.coffeeshop.intake;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.coffeeshop.testsupport.ServiceArchitecture;

/** The cashier keeps the architecture every service keeps; each rule says why in {@link ServiceArchitecture}. */
@AnalyzeClasses(packages = "dev.coffeeshop.intake")
class ArchitectureTests {

    @ArchTest
    static final ArchTests everyServiceKeeps = ArchTests.in(ServiceArchitecture.class);
}
