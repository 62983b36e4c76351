package dev.coffeeshop.testsupport;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;

/**
 * The architecture every service keeps, as ArchUnit rules with the reason for each. A service's
 * {@code ArchitectureTests} runs all of them ({@code ArchTests.in(ServiceArchitecture.class)}) on its own classes,
 * main and test, so that what tests need counts as needed.
 *
 * <p>The words the rules use:
 *
 * <ul>
 *   <li><b>adapters</b> translate between the world and the service: its {@code web} and {@code messaging} packages,
 *       and every class Spring creates or configures (a component, a configuration, its properties, or what a
 *       {@code @Bean} method returns: repositories, application services, gateways);
 *   <li>the <b>domain core</b> is everything else: the rules of the shop, in classes nobody needs a framework to
 *       create. A new class belongs to the core until it is made an adapter on purpose.
 * </ul>
 */
public final class ServiceArchitecture {

    /** The service roots: no service may reach into another. */
    static final List<String> SERVICES =
            List.of("dev.coffeeshop.intake", "dev.coffeeshop.barista", "dev.coffeeshop.notification");

    /** What the core must do without: frameworks, persistence, messaging, serialization, metrics. */
    static final String[] INFRASTRUCTURE = {
        "org.springframework..",
        "java.sql..",
        "javax.sql..",
        "org.apache.kafka..",
        "tools.jackson..",
        "com.fasterxml.jackson..",
        "io.micrometer..",
        "io.github.resilience4j..",
        "org.flywaydb..",
        "jakarta.servlet.."
    };

    private static final List<String> SPRING_MANAGING_ANNOTATIONS = List.of(
            "org.springframework.stereotype.Component",
            "org.springframework.context.annotation.Configuration",
            "org.springframework.boot.context.properties.ConfigurationProperties",
            "org.springframework.boot.autoconfigure.SpringBootApplication");

    private ServiceArchitecture() {}

    @ArchTest
    static final ArchRule THE_CORE_USES_NO_INFRASTRUCTURE = theCoreUsesNoInfrastructure();

    @ArchTest
    static final ArchRule THE_CORE_DEPENDS_ON_NO_ADAPTER = theCoreDependsOnNoAdapter();

    @ArchTest
    static final ArchRule NOTHING_DEPENDS_ON_WEB_OR_MESSAGING = nothingDependsOnWebOrMessaging();

    @ArchTest
    static final ArchRule SERVICES_STAY_APART = servicesStayApart();

    @ArchTest
    static final ArchRule FEATURES_FORM_NO_CYCLE = featuresFormNoCycle();

    @ArchTest
    static final ArchRule ONLY_WHAT_ANOTHER_PACKAGE_NEEDS_IS_PUBLIC = onlyWhatAnotherPackageNeedsIsPublic();

    @ArchTest
    static final ArchRule THE_CORE_STATES_NULLNESS = theCoreStatesNullness();

    /** The rules of the shop read and test without a framework, a database or a broker. */
    private static ArchRule theCoreUsesNoInfrastructure() {
        return noClasses()
                .that(inTheDomainCore())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(INFRASTRUCTURE)
                .because("the rules of the shop read and test without a framework, a database or a broker");
    }

    /** Adapters depend on the core, never the reverse. */
    private static ArchRule theCoreDependsOnNoAdapter() {
        return noClasses()
                .that(inTheDomainCore())
                .should()
                .dependOnClassesThat(adaptersOfTheService())
                .because("adapters depend on the core, never the reverse: the core must not change when an adapter"
                        + " does");
    }

    /** Controllers and bindings are the outermost layer: nothing else in the service depends on them. */
    private static ArchRule nothingDependsOnWebOrMessaging() {
        DescribedPredicate<JavaClass> edge = inEdgePackage();
        return noClasses()
                .that(mainClass().and(not(edge)))
                .should()
                .dependOnClassesThat(edge.and(mainClass()))
                .because("HTTP and Kafka are ways in; the service must work the same whichever way a fact arrives");
    }

    /** A service is deployed, scaled and changed on its own; it talks to the others through events only. */
    private static ArchRule servicesStayApart() {
        return classes()
                .that(mainClass())
                .should(new ArchCondition<>("depend on no other service") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        service(c).ifPresent(own -> c.getDirectDependenciesFromSelf().stream()
                                .filter(d -> service(d.getTargetClass())
                                        .filter(other -> !other.equals(own))
                                        .isPresent())
                                .forEach(d -> events.add(SimpleConditionEvent.violated(d, d.getDescription()))));
                    }
                })
                .because("services share only the published language (shared-events), never each other's classes");
    }

    private static Optional<String> service(JavaClass c) {
        return SERVICES.stream()
                .filter(root ->
                        c.getPackageName().equals(root) || c.getPackageName().startsWith(root + "."))
                .findFirst();
    }

    /** Features may use each other, but not in a circle. */
    private static ArchRule featuresFormNoCycle() {
        return slices().matching("dev.coffeeshop.(*).(*)..")
                .should()
                .beFreeOfCycles()
                .because("a feature that can be understood alone can be changed alone");
    }

    /** {@code public} is a decision: only what another package needs. */
    private static ArchRule onlyWhatAnotherPackageNeedsIsPublic() {
        return classes()
                .that(mainClass())
                .and()
                .areTopLevelClasses()
                .and()
                .arePublic()
                .and(not(annotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication")))
                .should(beUsedFromAnotherPackage())
                .because("package-private by default keeps a feature's inside changeable without looking elsewhere");
    }

    /** Idempotency keys and callback URLs may be absent: the core says so, and what it does not mark is never null. */
    private static ArchRule theCoreStatesNullness() {
        return classes()
                .that(inTheDomainCore())
                .should(beInANullMarkedPackage())
                .because("what may be absent is marked @Nullable, so nothing else needs a null check");
    }

    /** Classes of the service's main code, not its tests. */
    static DescribedPredicate<JavaClass> mainClass() {
        return DescribedPredicate.describe("main classes", c -> c.getSource()
                .map(source -> !source.getUri().toString().contains("/test-classes/"))
                .orElse(true));
    }

    /** The domain core: main classes that are neither in {@code web} or {@code messaging} nor Spring-managed. */
    static DescribedPredicate<JavaClass> inTheDomainCore() {
        return mainClass()
                .and(not(inEdgePackage()))
                .and(not(springManaged()))
                .and(DescribedPredicate.describe(
                        "not package-info", c -> !c.getSimpleName().equals("package-info")))
                .as("classes in the domain core");
    }

    static DescribedPredicate<JavaClass> inEdgePackage() {
        return DescribedPredicate.describe("in a web or messaging package of the service", c -> SERVICES.stream()
                .anyMatch(root -> c.getPackageName().startsWith(root + ".")
                        && (c.getPackageName().endsWith(".web")
                                || c.getPackageName().endsWith(".messaging")
                                || c.getPackageName().contains(".web.")
                                || c.getPackageName().contains(".messaging."))));
    }

    /**
     * Spring creates or configures it: annotated (or meta-annotated) as a component, a configuration or configuration
     * properties, or created by a {@code @Bean} method as what that method returns; and the classes nested in those.
     */
    static DescribedPredicate<JavaClass> springManaged() {
        return DescribedPredicate.describe("managed by Spring", ServiceArchitecture::isSpringManaged);
    }

    private static boolean isSpringManaged(JavaClass c) {
        if (SPRING_MANAGING_ANNOTATIONS.stream().anyMatch(c::isMetaAnnotatedWith)
                || SPRING_MANAGING_ANNOTATIONS.stream().anyMatch(c::isAnnotatedWith)) {
            return true;
        }
        for (JavaConstructorCall call : c.getConstructorCallsToSelf()) {
            JavaCodeUnit origin = call.getOrigin();
            if (origin.isAnnotatedWith("org.springframework.context.annotation.Bean")
                    && c.isAssignableTo(origin.getRawReturnType().getName())) {
                return true;
            }
        }
        Optional<JavaClass> enclosing = c.getEnclosingClass();
        return enclosing.isPresent() && isSpringManaged(enclosing.get());
    }

    /**
     * The service's own adapters that the core could not live with: web and messaging classes, and Spring-managed
     * classes that use infrastructure (a framework-free bean such as the menu is part of the core's world).
     */
    static DescribedPredicate<JavaClass> adaptersOfTheService() {
        return DescribedPredicate.describe(
                "adapters of the service",
                c -> SERVICES.stream().anyMatch(root -> c.getPackageName().startsWith(root))
                        && (inEdgePackage().test(c) || (springManaged().test(c) && usesInfrastructure(c))));
    }

    private static boolean usesInfrastructure(JavaClass c) {
        return c.getDirectDependenciesFromSelf().stream()
                .map(Dependency::getTargetClass)
                .map(HasName::getName)
                .anyMatch(name -> Arrays.stream(INFRASTRUCTURE)
                        .map(p -> p.substring(0, p.length() - 2))
                        .anyMatch(name::startsWith));
    }

    private static DescribedPredicate<JavaClass> annotatedWith(String annotation) {
        return DescribedPredicate.describe("annotated with " + annotation, c -> c.isAnnotatedWith(annotation));
    }

    private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
        return new ArchCondition<>("be used from another package") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                // what its nested types are used for counts too: a caller of Properties.Sandbox needs Properties
                boolean used = c.getPackage().getClasses().stream()
                        .filter(member -> topLevel(member).equals(c))
                        .flatMap(member -> member.getDirectDependenciesToSelf().stream())
                        .map(dependency -> topLevel(dependency.getOriginClass()))
                        .anyMatch(origin -> !origin.getPackageName().equals(c.getPackageName()));
                if (!used) {
                    events.add(SimpleConditionEvent.violated(
                            c, c.getName() + " is public, but no class in another package uses it"));
                }
            }
        };
    }

    private static JavaClass topLevel(JavaClass c) {
        return c.getEnclosingClass().map(ServiceArchitecture::topLevel).orElse(c);
    }

    private static ArchCondition<JavaClass> beInANullMarkedPackage() {
        return new ArchCondition<>("be in a @NullMarked package") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (!c.getPackage().isAnnotatedWith(NullMarked.class)) {
                    events.add(SimpleConditionEvent.violated(
                            c,
                            c.getName() + " is in the domain core, but " + c.getPackageName() + " is not @NullMarked"));
                }
            }
        };
    }
}
