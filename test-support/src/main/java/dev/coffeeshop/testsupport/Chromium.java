package dev.coffeeshop.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and its chromedriver, for the browser tests (the pickup board, the operator's order page). When they are missing and this runs as root
 * with apt-get, they are installed from the distribution's archive ({@code apt-get install chromium chromium-driver});
 * otherwise the test fails and says what to install. Nothing is downloaded by Selenium itself: the browser and the
 * driver are given as paths, so Selenium Manager has nothing to look up. A module that uses it declares
 * {@code selenium-chrome-driver} as a test dependency of its own (it is optional here).
 */
public final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String PACKAGES = "chromium chromium-driver";

    private Chromium() {}

    /** A headless chromium, 1600 x 900, driven through chromedriver. */
    public static ChromeDriver start() {
        ensureInstalled();
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--disable-gpu",
                        "--window-size=1600,900",
                        "--force-device-scale-factor=1");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    private static void ensureInstalled() {
        if (installed()) {
            return;
        }
        if (!root() || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            fail(String.format(
                    "The browser tests need Debian's %s and %s; install them with `apt-get install -y "
                            + "--no-install-recommends %s` (this process is not root with apt-get, so it cannot)",
                    BROWSER, DRIVER, PACKAGES));
        }
        int exit = run("apt-get", "install", "-y", "--no-install-recommends", "chromium", "chromium-driver");
        if (exit != 0 || !installed()) {
            fail(String.format(
                    "Installing %s with apt-get failed (exit %d); install them by hand: apt-get install -y "
                            + "--no-install-recommends %s",
                    PACKAGES, exit, PACKAGES));
        }
    }

    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    private static boolean root() {
        try {
            Process id =
                    new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            return new String(id.getInputStream().readAllBytes()).strip().equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    private static int run(String... command) {
        try {
            ProcessBuilder process = new ProcessBuilder(command).inheritIO();
            process.environment().put("DEBIAN_FRONTEND", "noninteractive");
            return process.start().waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
