package dev.regnotify.console;

import static dev.regnotify.console.ConsoleFixture.OPERATOR;
import static dev.regnotify.console.ConsoleFixture.TWO_ATTEMPTS;
import static dev.regnotify.console.ConsoleFixture.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.DeadLetters;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;

/**
 * The console's page in a real browser: Debian's chromium, headless, driven through its chromedriver by Selenium
 * (both from the system: nothing is downloaded). Skipped only where {@code /usr/bin/chromium} is absent.
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** A receiver's answer that would run a script if the page took it as markup. */
    private static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\">still down";
    /** An endpoint name that would run a script if the page took it as markup. */
    private static final String HOSTILE_NAME = "<img src=y onerror=window.__xss=2>";

    private static WebDriver driver;
    private static Path profile;

    @RegisterExtension
    final Closer closer = new Closer();
    private final ConsoleFixture console = closer.keep(new ConsoleFixture());
    private Receiver receiver;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " here: .ci/run installs Debian's chromium");
        // the driver and the browser are given: Selenium Manager has nothing to find or download
        System.setProperty("SE_OFFLINE", "true");
        profile = Files.createTempDirectory("regnotify-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void startConsole() {
        receiver = console.receiver().answering(n -> Answer.refusal(500, HOSTILE));
        console.start(List.of(EndpointConfig.builder("scanner", receiver.url()).retry(TWO_ATTEMPTS).build(),
                EndpointConfig.builder(HOSTILE_NAME, console.receiver().url()).build()));
    }

    private void deadLetter(int n) {
        Endpoint scanner = console.endpoint("scanner");
        int before = new DeadLetters(List.of(scanner)).count();
        scanner.offer(Notifications.numbered(n));
        Polling.await("dead letter of event " + n, WAIT, () -> new DeadLetters(List.of(scanner)).count() > before);
    }

    private void open(String token) {
        driver.get("about:blank");
        driver.get(console.base() + "/console/#token=" + token);
    }

    private static <T> T until(Function<WebDriver, T> condition) {
        // the page redraws its tables every few seconds: a row read during a redraw is read again
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    private static WebElement row(String table, String attribute, String value) {
        return until(d -> d.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
                .filter(r -> value.equals(r.getAttribute(attribute))).findFirst().orElse(null));
    }

    private static void screenshot(String name) {
        try {
            Path target = Path.of("target", "console-" + name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertNoScriptRan() {
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return window.__xss === undefined"),
                "a script from a receiver's answer or a name ran");
        assertTrue(driver.findElements(By.cssSelector("main img")).isEmpty(), "markup from outside became an image");
    }

    @Test
    void theOverviewShowsAFailingEndpointWithTheReceiversStatusAndAnswerAsText() {
        deadLetter(1);
        open(OPERATOR);

        WebElement scanner = row("endpoints", "data-name", "scanner");
        until(d -> scanner.findElement(By.className("statuses")).getText().contains("500 Internal Server Error"));
        String lastFailure = scanner.findElement(By.className("last-failure")).getText();
        assertTrue(lastFailure.contains(HOSTILE), lastFailure);
        assertEquals("1", scanner.findElement(By.className("dead-letters")).getText());
        WebElement hostile = row("endpoints", "data-name", HOSTILE_NAME);
        assertEquals(HOSTILE_NAME, hostile.findElement(By.className("endpoint-name")).getText());
        assertEquals("", driver.getCurrentUrl().replaceFirst("^[^#]*", ""), "the token left the address");
        until(d -> d.findElement(By.id("chart-note")).getText().contains("failures"));
        assertEquals(1, driver.findElements(By.cssSelector("#chart svg polyline.series-failures")).size());
        assertNoScriptRan();
        screenshot("overview");
        scanner.findElement(By.className("endpoint-name")).click();
        WebElement attempt = until(d -> d.findElements(By.cssSelector("#attempts tbody tr")).stream().findFirst()
                .orElse(null));
        assertTrue(attempt.getText().contains("500 Internal Server Error: " + HOSTILE), attempt.getText());
        assertTrue(attempt.getText().contains(Notifications.id(1)), attempt.getText());
        assertNoScriptRan();
        screenshot("attempts");
    }

    @Test
    void clickingReplayOnADeadLetterSendsItsEventWithItsIdToTheReceiver() {
        deadLetter(1);
        open(OPERATOR);
        row("endpoints", "data-name", "scanner").findElement(By.className("endpoint-name")).click();
        WebElement letter = until(d -> d.findElements(By.cssSelector("#dead-letters tbody tr")).stream().findFirst()
                .orElse(null));
        assertTrue(letter.findElement(By.className("events")).getText().contains(Notifications.id(1)));
        assertTrue(letter.findElement(By.className("last-error")).getText().contains(HOSTILE));
        assertNoScriptRan();
        screenshot("dead-letters");
        receiver.answering(n -> Answer.status(200));

        letter.findElement(By.className("replay")).click();

        receiver.awaitAccepted(1, WAIT);
        assertEquals(List.of(Notifications.id(1)), receiver.acceptedIds());
        until(d -> d.findElement(By.id("dead-letters-note")).getText().equals("No dead letters."));
    }

    @Test
    void aViewerSeesNoReplayButtonAndItsPostIsForbidden() {
        deadLetter(1);
        open(VIEWER);
        until(d -> d.findElement(By.id("role")).getText().equals("signed in as viewer"));
        row("endpoints", "data-name", "scanner").findElement(By.className("endpoint-name")).click();
        WebElement letter = until(d -> d.findElements(By.cssSelector("#dead-letters tbody tr")).stream().findFirst()
                .orElse(null));

        assertTrue(letter.findElements(By.tagName("button")).isEmpty(), "a viewer has no replay button");
        for (String operatorOnly : List.of("replay-all", "purge", "enable", "disable", "replay-since-form")) {
            assertTrue(!driver.findElement(By.id(operatorOnly)).isDisplayed(), operatorOnly + " is shown");
        }
        screenshot("viewer");
        int attempts = receiver.attempts();
        Object status = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "fetch('/console/api/endpoints/scanner/dead-letters/replay', {method: 'POST',"
                + " headers: {'Authorization': 'Bearer ' + sessionStorage.getItem('regnotify-console-token')}})"
                + ".then(r => done(r.status), e => done(String(e)));");

        assertEquals(403L, status);
        assertEquals(1, new DeadLetters(List.of(console.endpoint("scanner"))).count());
        assertEquals(attempts, receiver.attempts(), "nothing was sent again");
    }

    @Test
    void theLookupBoxShowsEveryAttemptThatCarriedAnEventAndTheOperatorDisablesAndEnables() {
        deadLetter(1);
        open(OPERATOR);
        row("endpoints", "data-name", "scanner").findElement(By.className("endpoint-name")).click();

        driver.findElement(By.id("event-id")).sendKeys(Notifications.id(1));
        driver.findElement(By.cssSelector("#event-form button")).click();
        String found = until(d -> {
            String text = d.findElement(By.id("event-result")).getText();
            return text.contains("scanner") ? text : null;
        });
        assertTrue(found.contains(Notifications.id(1)), found);
        assertTrue(found.contains("500 Internal Server Error"), found);
        assertNoScriptRan();

        driver.findElement(By.id("disable")).click();
        until(d -> console.endpoint("scanner").isDisabled());
        until(d -> d.findElements(By.cssSelector("#endpoints tbody tr[data-name=scanner]")).stream()
                .anyMatch(r -> r.getText().contains("disabled")));
        driver.findElement(By.id("enable")).click();
        until(d -> !console.endpoint("scanner").isDisabled());
    }

    @Test
    void withoutATokenThePageAsksForOne() {
        driver.get("about:blank");
        driver.get(console.base() + "/console/");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        WebElement input = until(d -> {
            WebElement field = d.findElement(By.id("token-input"));
            return field.isDisplayed() ? field : null;
        });
        input.sendKeys(OPERATOR);
        driver.findElement(By.id("sign-in-button")).click();

        until(d -> d.findElement(By.id("role")).getText().equals("signed in as operator"));
        row("endpoints", "data-name", "scanner");
    }
}
