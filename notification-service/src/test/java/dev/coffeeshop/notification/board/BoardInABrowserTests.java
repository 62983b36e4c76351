package dev.coffeeshop.notification.board;

import static dev.coffeeshop.notification.board.BoardTests.placed;
import static dev.coffeeshop.notification.board.BoardTests.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.testsupport.Chromium;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pickup board in a real headless browser (Debian's chromium): what a screen in the shop shows, live, across
 * reconnects. The run leaves a screenshot in {@code target/board-screenshots/board.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class BoardInABrowserTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final Path SCREENSHOT = Path.of("target", "board-screenshots", "board.png");

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BoardFeed feed;

    @BeforeAll
    static void startTheBrowser() {
        browser = Chromium.start();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void movesAnOrderFromInPreparationToReadyAndMissesNothingAcrossReconnects() throws Exception {
        // given a board on the screen
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID chloe = UUID.randomUUID();
        openTheBoard();

        // when Alice's order is placed, then made
        kafka.publish(placed(alice, "Alice"));
        await().atMost(PATIENCE).until(() -> names("preparing", alice), names -> names.equals(List.of("Alice")));
        kafka.publish(ready(alice, "Alice"));

        // then it moves from "in preparation" to "ready"
        await().atMost(PATIENCE).until(() -> names("ready", alice), names -> names.equals(List.of("Alice")));
        assertThat(names("preparing", alice)).isEmpty();

        // when the page loses its stream and Bob's order arrives meanwhile
        browser.executeScript("window.__board.disconnect()");
        long missed = latestChange();
        kafka.publish(placed(bob, "Bob"));
        await().atMost(PATIENCE).until(() -> latestChange() > missed);
        assertThat(names("preparing", bob)).isEmpty();
        long resumesBefore = feed.resumes();
        browser.executeScript("window.__board.connect()");

        // then the new stream resumes from the last change the page saw, and Bob shows once
        await().atMost(PATIENCE).until(() -> names("preparing", bob), names -> names.equals(List.of("Bob")));
        assertThat(feed.resumes()).isGreaterThan(resumesBefore);

        // when the server drops every stream and Bob's order is made, the browser reconnects on its own, sending
        // Last-Event-ID
        long resumesBeforeDrop = feed.resumes();
        await().atMost(PATIENCE).until(() -> feed.screens() > 0);
        feed.disconnectAll();
        kafka.publish(ready(bob, "Bob"));
        kafka.publish(placed(chloe, "Chloé"));

        // then Bob is ready exactly once, and nothing is doubled on the board
        await().atMost(PATIENCE).until(() -> names("ready", bob), names -> names.equals(List.of("Bob")));
        await().atMost(PATIENCE).until(() -> names("preparing", chloe), names -> names.equals(List.of("Chloé")));
        await().atMost(PATIENCE).until(() -> feed.resumes() > resumesBeforeDrop);
        assertThat(names("preparing", bob)).isEmpty();
        assertThat(names("ready", alice)).containsExactly("Alice");
        assertThat(browser.findElements(By.cssSelector("li[data-order]")))
                .extracting(element -> element.getDomAttribute("data-order"))
                .doesNotHaveDuplicates();

        screenshot();
    }

    @Test
    void showsANameWithMarkupAsTextAndRunsNothingInIt() {
        // given
        UUID order = UUID.randomUUID();
        // one short word: the board shows only a name's first word, and at most 20 characters of it
        String name = "<svg/onload=_p=1>";
        openTheBoard();

        // when
        kafka.publish(placed(order, name));

        // then
        await().atMost(PATIENCE).until(() -> names("preparing", order), names -> names.equals(List.of(name)));
        WebElement entry = browser.findElement(By.cssSelector("#preparing li[data-order='" + order + "']"));
        assertThat(entry.findElements(By.cssSelector("*"))).isEmpty();
        assertThat(browser.executeScript("return window._p === undefined")).isEqualTo(true);
    }

    private void openTheBoard() {
        browser.get("http://localhost:" + port + "/board");
        await().atMost(PATIENCE)
                .until(() -> Boolean.TRUE.equals(browser.executeScript("return window.__board.connected()")));
    }

    /** The names shown for {@code order} in one column of the board, as the browser renders them. */
    /** The names shown for {@code order} in a column, read in one script run: the board may redraw between two calls. */
    @SuppressWarnings("unchecked")
    private List<String> names(String column, UUID order) {
        Object names = browser.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText);",
                "#" + column + " li[data-order='" + order + "']");
        return List.copyOf((List<String>) names);
    }

    private long latestChange() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM board_changes")
                .query(Long.class)
                .single();
    }

    private static void screenshot() throws Exception {
        Path taken = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(taken, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(SCREENSHOT).exists().isNotEmptyFile();
    }
}
