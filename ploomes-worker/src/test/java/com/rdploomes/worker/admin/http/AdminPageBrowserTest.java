package com.rdploomes.worker.admin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.rdploomes.worker.admin.deadletters.DeadLetterQueue;
import com.rdploomes.worker.ploomes.FakePloomes;

/**
 * The admin page in a real browser: Debian's headless Chromium driven by its chromedriver (both from apt, which
 * .ci/run installs), logged in with HTTP Basic and the token as the password, as an operator would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed after the class: a cached context could later redeclare the queues this class deletes
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
class AdminPageBrowserTest {

    private static final String TOKEN = "browser-admin-token-0123456789";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final DeadLetterQueue QUEUES = DeadLetterQueue.create("adminpage");
    private static final FakePloomes PLOOMES = fakePloomes();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        QueuesForTheWorker.register(registry, QUEUES, PLOOMES);
        registry.add("rd-ploomes.admin.token", () -> TOKEN);
    }

    @LocalServerPort
    int port;

    private ChromeDriver browser;
    private Path profile;

    @BeforeEach
    void browser() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser test needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver "
                        + "(bash .ci/run installs them)")
                .isTrue();
        profile = Files.createTempDirectory("admin-page-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        PLOOMES.reset();
        QUEUES.drain(QUEUES.topology().deadLetterQueue());
        QUEUES.drain(QUEUES.topology().inputQueue());
        QUEUES.park("rd-page-1", "ana.exemplo@example.com", "ploomes-4xx");
        QUEUES.park("rd-page-2", "bruno@example.com", "ploomes-unavailable");
        QUEUES.park("rd-page-3", "carla@example.com", "ploomes-4xx");
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @AfterAll
    static void leaveTheBrokerAsFound(@Autowired RabbitListenerEndpointRegistry listeners) {
        listeners.stop();
        QUEUES.close();
        PLOOMES.close();
    }

    @Test
    void anOperatorSeesCountsStatusAndDetailsAndFilters() throws IOException {
        open("/admin");

        assertThat(browser.getTitle()).isEqualTo("rd-ploomes · dead letters");
        assertThat(cell("#counts tr[data-reason='ploomes-4xx'] td.num")).isEqualTo("2");
        assertThat(cell("#counts tr[data-reason='ploomes-unavailable'] td.num")).isEqualTo("1");
        assertThat(cell("#total")).isEqualTo("3");
        assertThat(cell("#listener")).isEqualTo("consuming");
        assertThat(cell("#queues tr[data-role='dead letters'] td.num")).isEqualTo("3");
        assertThat(rows()).containsExactlyInAnyOrder("rd-page-1", "rd-page-2", "rd-page-3");
        assertThat(browser.getPageSource()).contains("a***@example.com").doesNotContain("ana.exemplo@example.com");
        Files.write(Path.of("target", "admin-page.png"), browser.getScreenshotAs(OutputType.BYTES));

        row("rd-page-2").findElement(By.cssSelector("button.details")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("details"), "x-failure-reason"));
        assertThat(cell("#details")).contains("\"ploomes-unavailable\"", "bruno@example.com");

        WebElement reason = browser.findElement(By.cssSelector("#filter input[name='reason']"));
        reason.sendKeys("ploomes-4xx");
        browser.findElement(By.id("apply")).click();
        wait(ExpectedConditions.urlContains("reason=ploomes-4xx"));
        assertThat(rows()).containsExactlyInAnyOrder("rd-page-1", "rd-page-3");
        assertThat(cell("#replay-matching")).isEqualTo("Replay all 2 matching");
    }

    @Test
    void replayOneFromThePageAndTheWorkerTakesIt() {
        open("/admin");

        row("rd-page-2").findElement(By.cssSelector("button.replay")).click();

        // the page follows the replay, then reloads without it
        wait(driver -> Set.copyOf(rows()).equals(Set.of("rd-page-1", "rd-page-3")));
        assertThat(cell("#job")).startsWith("done: 1 replayed");
        await().atMost(Duration.ofSeconds(20)).until(() -> PLOOMES.requests("POST /InteractionRecords").size() == 1);
        assertThat(QUEUES.ids(QUEUES.topology().deadLetterQueue())).containsExactlyInAnyOrder("rd-page-1", "rd-page-3");
    }

    @Test
    void discardAsksFirstAndCancelLeavesItThere() {
        open("/admin");

        row("rd-page-1").findElement(By.cssSelector("button.discard")).click();
        Alert cancel = wait(ExpectedConditions.alertIsPresent());
        assertThat(cancel.getText()).contains("Discard rd-page-1 for good?");
        cancel.dismiss();
        assertThat(QUEUES.depth(QUEUES.topology().deadLetterQueue())).isEqualTo(3);

        row("rd-page-1").findElement(By.cssSelector("button.discard")).click();
        wait(ExpectedConditions.alertIsPresent()).accept();

        wait(driver -> Set.copyOf(rows()).equals(Set.of("rd-page-2", "rd-page-3")));
        assertThat(QUEUES.ids(QUEUES.topology().deadLetterQueue())).containsExactlyInAnyOrder("rd-page-2", "rd-page-3");
    }

    @Test
    void replayEverythingMatchingTheFilter() {
        open("/admin?reason=ploomes-4xx");

        browser.findElement(By.id("replay-matching")).click();

        // the reloaded page, not the old one being replaced
        wait(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "0 matching dead letters"));
        assertThat(rows()).isEmpty();
        assertThat(QUEUES.ids(QUEUES.topology().deadLetterQueue())).containsExactly("rd-page-2");
        await().atMost(Duration.ofSeconds(20)).until(() -> PLOOMES.requests("POST /InteractionRecords").size() == 2);
    }

    @Test
    void withoutCredentialsTheBrowserGetsNothing() {
        browser.get("http://127.0.0.1:" + port + "/admin");
        assertThat(browser.getPageSource()).doesNotContain("rd-page-1", "a***@example.com");
        assertThat(browser.getTitle()).doesNotContain("dead letters");
    }

    private void open(String path) {
        browser.get("http://admin:" + TOKEN + "@127.0.0.1:" + port + path);
    }

    /** Read in one script: element handles taken during the page's self-reload could point at a replaced node. */
    @SuppressWarnings("unchecked")
    private List<String> rows() {
        return (List<String>) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#dead-letters tbody tr')).map(r => r.getAttribute('data-id'));");
    }

    private WebElement row(String id) {
        return browser.findElement(By.cssSelector("#dead-letters tr[data-id='" + id + "']"));
    }

    private String cell(String css) {
        return browser.findElement(By.cssSelector(css)).getText().trim();
    }

    private <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return waiting().until(condition);
    }

    private <T> T wait(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        return waiting().until(condition::apply);
    }

    /** The page reloads itself after a replay or discard: an element read during the reload is simply read again. */
    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static FakePloomes fakePloomes() {
        try {
            return new FakePloomes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
