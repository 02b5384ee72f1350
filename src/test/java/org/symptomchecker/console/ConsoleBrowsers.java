package org.symptomchecker.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's browser tests' headless Debian Chromium (driven by Selenium): the browsers a test opened (quit
 * together), signing in through the login page, waiting on the page, and what the page is checked and saved with.
 */
final class ConsoleBrowsers {

    static final Path CHROMIUM = Path.of(System.getProperty("widget.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("widget.chromedriver", "/usr/bin/chromedriver"));
    /** How long a page step (an API call and its rendering) may take on a busy machine. */
    static final Duration PAGE = Duration.ofSeconds(30);

    private final List<ChromeDriver> open = new ArrayList<>();

    /** Skips the test, with a message, when no browser is installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no browser: the console's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install -y chromium chromium-driver); skipped");
    }

    ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        open.add(driver);
        return driver;
    }

    /** A new browser, signed in through the login page, with the console's script done with its first view. */
    ChromeDriver signIn(URL root, String username, String password) {
        ChromeDriver driver = browser();
        driver.get(root + "console/login");
        driver.findElement(By.id("j_username")).sendKeys(username);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitReady(driver);
        return driver;
    }

    void quitAll() {
        open.forEach(WebDriver::quit);
        open.clear();
    }

    static void waitReady(WebDriver driver) {
        waitFor(driver, PAGE, d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")) ? true : null);
    }

    /** Waits until the condition gives something other than null or false; on a timeout, says what the page said. */
    static <T> T waitFor(WebDriver driver, Duration timeout, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout).ignoring(NoSuchElementException.class)
                    .ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            // what the page said (an error from the API shows in the live region)
            List<WebElement> live = driver.findElements(By.id("live"));
            throw new AssertionError("timed out on " + driver.getCurrentUrl() + "; the live region says: "
                    + (live.isEmpty() ? "(no live region)" : live.get(0).getText()), e);
        }
    }

    /** The id of the element that has the focus. */
    static String focused(WebDriver driver) {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    static void scrollTo(WebDriver driver, String id) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    /** The console's page runs under its strict Content Security Policy without a violation. */
    static void assertNoCspViolation(ChromeDriver driver) {
        List<String> messages = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
        assertThat(messages).as("browser console").noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"));
    }

    static void screenshot(WebDriver driver, String target) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path to = Path.of(target);
        Files.createDirectories(to.getParent());
        Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
    }
}
