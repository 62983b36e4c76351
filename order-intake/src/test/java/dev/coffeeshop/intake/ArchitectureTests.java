package dev.coffeeshop.intake;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.coffeeshop.testsupport.ServiceArchitecture;

/** The cashier keeps the architecture every service keeps; each rule says why in {@link ServiceArchitecture}. */
@AnalyzeClasses(packages = "dev.coffeeshop.intake")
class ArchitectureTests {

    @ArchTest
    static final ArchRule theCoreUsesNoInfrastructure = ServiceArchitecture.theCoreUsesNoInfrastructure();

    @ArchTest
    static final ArchRule theCoreDependsOnNoAdapter = ServiceArchitecture.theCoreDependsOnNoAdapter();

    @ArchTest
    static final ArchRule nothingDependsOnWebOrMessaging = ServiceArchitecture.nothingDependsOnWebOrMessaging();

    @ArchTest
    static final ArchRule servicesStayApart = ServiceArchitecture.servicesStayApart("dev.coffeeshop.intake");

    @ArchTest
    static final ArchRule featuresFormNoCycle = ServiceArchitecture.featuresFormNoCycle("dev.coffeeshop.intake");

    @ArchTest
    static final ArchRule onlyWhatAnotherPackageNeedsIsPublic =
            ServiceArchitecture.onlyWhatAnotherPackageNeedsIsPublic();

    @ArchTest
    static final ArchRule theCoreStatesNullness = ServiceArchitecture.theCoreStatesNullness();
}
