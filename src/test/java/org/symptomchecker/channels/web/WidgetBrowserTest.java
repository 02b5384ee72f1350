package org.symptomchecker.channels.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
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
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The website widget in a real browser: headless Debian Chromium driven by Selenium, on the demo page the
 * service serves under its strict Content Security Policy. Skipped, with a message, when no browser is installed
 * (.ci/run installs chromium and chromium-driver).
 */
@QuarkusTest
class WidgetBrowserTest {

    static final Path CHROMIUM = Path.of(System.getProperty("widget.chromium", "/usr/bin/chromium"));
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    static final Path CHROMEDRIVER = Path.of(System.getProperty("widget.chromedriver", "/usr/bin/chromedriver"));

    @TestHTTPResource("/")
    URL root;

    ChromeDriver driver;
    WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no browser: the widget's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install -y chromium chromium-driver); skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,860");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL); // the DevTools network events: which endpoint the widget called
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theDemoPageAndTheWidgetsFilesCarryTheStrictPolicy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/", "/widget.js", "/widget.css")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(root.toURI().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'", "style-src 'self'")
                            .doesNotContain("unsafe"));
        }
        String page = http.send(HttpRequest.newBuilder(root.toURI()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("<script src=\"/widget.js\" defer></script>").doesNotContain("style=").doesNotContain("<style");
    }

    @Test
    void aQuestionGetsACitedAnswerWithNumberedLinks() throws IOException {
        open();
        assertThat(driver.findElement(By.cssSelector("[role=log]")).getAttribute("aria-live")).isEqualTo("polite");
        assertThat(driver.findElement(By.cssSelector(".scw-disclaimer")).getText()).contains("911");
        WebElement input = input();
        assertThat(input.getAccessibleName()).isEqualTo("Message");
        assertThat(driver.findElement(By.cssSelector(".scw-send")).getAccessibleName()).isEqualTo("Send");
        input.sendKeys("does a tens machine help back pain?");
        // a fast reply can hide the typing indicator before the test looks: watch it from the page instead
        driver.executeScript("window.scwTypingSeen = false; var t = document.querySelector('.scw-typing');"
                + "new MutationObserver(function () { if (!t.hidden) { window.scwTypingSeen = true; } })"
                + ".observe(t, { attributes: true, attributeFilter: ['hidden'] });");
        // the streamed sentences fill a draft bubble beside the log; it is dropped when the whole reply joins the log
        driver.executeScript("window.scwDraft = null; new MutationObserver(function (records) { records.forEach(function (r) {"
                + " r.removedNodes.forEach(function (n) { if (n.classList && n.classList.contains('scw-draft')) {"
                + " window.scwDraft = { text: n.textContent, hidden: n.getAttribute('aria-hidden') }; } }); }); })"
                + ".observe(document.querySelector('.scw-body'), { childList: true });");
        driver.findElement(By.cssSelector(".scw-send")).click();
        // the shipped corpus's documents have no URL: each citation is a numbered title, a link when it has an http(s) URL
        List<WebElement> items = wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(".scw-bot ol li"));
            return found.isEmpty() ? null : found;
        });
        assertThat(items.stream().map(WebElement::getText).toList()).anyMatch(t -> t.contains("TENS"));
        assertThat(driver.findElement(By.cssSelector(".scw-bot")).getText()).contains("[1]");
        for (WebElement a : driver.findElements(By.cssSelector(".scw-bot ol li a"))) {
            assertThat(a.getAttribute("href")).matches("https?://.+");
            assertThat(a.getAttribute("target")).isEqualTo("_blank");
            assertThat(a.getAttribute("rel")).contains("noopener");
        }
        assertThat(driver.executeScript("return window.scwTypingSeen")).as("the typing indicator showed while waiting").isEqualTo(true);
        assertStreamed();
        Map<?, ?> draft = (Map<?, ?>) driver.executeScript("return window.scwDraft");
        assertThat(draft).as("the sentences were shown as they came").isNotNull();
        assertThat(draft.get("text")).as("the streamed sentences are the reply").isEqualTo(driver.findElement(By.cssSelector(".scw-bot p")).getText());
        assertThat(draft.get("hidden")).as("the draft is not read out; the log announces the whole reply once").isEqualTo("true");
        assertThat(driver.findElements(By.cssSelector(".scw-draft"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector(".scw-typing")).isDisplayed()).isFalse();
        // what the browser gives screen readers: one live region, the transcript, polite and for additions only
        Map<String, Object> tree = driver.executeCdpCommand("Accessibility.getFullAXTree", Map.of());
        List<String> liveRegions = ((List<?>) tree.get("nodes")).stream().map(n -> (Map<?, ?>) n)
                .filter(n -> String.valueOf(n.get("properties")).contains("name=live,"))
                .map(n -> ((Map<?, ?>) n.get("role")).get("value") + " " + n.get("properties")).toList();
        assertThat(liveRegions).hasSize(1);
        assertThat(liveRegions.get(0)).startsWith("log ").contains("value=polite").contains("value=additions");
        assertThat(driver.findElement(By.cssSelector(".scw-user")).getAttribute("aria-live")).as("the person's own words").isEqualTo("off");
        for (String selector : List.of(".scw-title", ".scw-new", ".scw-delete", ".scw-disclaimer", ".scw-bot p", ".scw-bot li",
                ".scw-user p", ".scw-send", ".scw-input")) {
            assertThat(contrast(selector)).as("WCAG AA contrast of " + selector).isGreaterThanOrEqualTo(4.5);
        }
        screenshot("docs/widget-desktop.png");
        assertNoCspViolation();
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    @Test
    void aVoteOnTheLastAnswerReachesTheContentTeamAndThanksThePerson() throws Exception {
        long before = downVotes();
        open();
        send("does a tens machine help back pain?");
        WebElement down = wait.until(d -> d.findElements(By.cssSelector(".scw-bot .scw-vote-down")).stream().findFirst().orElse(null));
        WebElement group = driver.findElement(By.cssSelector(".scw-vote"));
        assertThat(group.getAttribute("role")).isEqualTo("group");
        assertThat(group.getAccessibleName()).isEqualTo("Was this answer helpful?");
        assertThat(down.getAccessibleName()).isEqualTo("Not helpful");
        assertThat(driver.findElement(By.cssSelector(".scw-vote-up")).getAccessibleName()).isEqualTo("Helpful");
        down.click();
        wait.until(d -> d.findElement(By.cssSelector(".scw-vote")).getText().equals("Thank you for your feedback."));
        assertThat(downVotes()).isEqualTo(before + 1);
        // a reload keeps the transcript and remembers the vote: no buttons to vote twice
        driver.navigate().refresh();
        WebElement launcher = wait.until(d -> d.findElements(By.cssSelector(".scw-launcher")).stream().findFirst().orElse(null));
        if (launcher.isDisplayed()) { // the panel may come back open, as it was left
            launcher.click();
        }
        wait.until(d -> !d.findElements(By.cssSelector(".scw-bot")).isEmpty());
        assertThat(driver.findElements(By.cssSelector(".scw-vote button"))).isEmpty();
        assertNoCspViolation();
    }

    private long downVotes() throws java.sql.SQLException {
        try (var c = db.getConnection(); var q = c.createStatement(); var rs = q.executeQuery("select count(*) from content_gap where kind = 'down-vote'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void quickRepliesLeadThroughTheInterviewToItsDisposition() {
        open();
        send("my lower back hurts after lifting");
        String progress = wait.until(d -> {
            WebElement p = d.findElement(By.cssSelector(".scw-progress"));
            return p.isDisplayed() ? p.getText() : null;
        });
        assertThat(progress).matches("Question 1 of \\d+");
        int clicks = 0;
        List<String> seen = new java.util.ArrayList<>();
        while (!driver.findElement(By.cssSelector(".scw-progress")).getText().isEmpty() && seen.size() < 20) {
            seen.add(driver.findElement(By.cssSelector(".scw-progress")).getText());
            int bots = bots();
            wait.until(d -> d.findElement(By.cssSelector(".scw-send")).isEnabled());
            WebElement no = driver.findElements(By.cssSelector(".scw-replies button")).stream()
                    .filter(b -> b.getText().equals("No")).findFirst().orElse(null);
            if (no != null) {
                no.click();
                clicks++;
            } else {
                send("35"); // the flow's last question (age) has no options: it is typed
            }
            wait.until(d -> bots() > bots);
        }
        assertThat(seen).as("progress shown at each question").anyMatch(t -> t.matches("Question 2 of \\d+"));
        assertThat(clicks).as("questions answered with the No button").isGreaterThan(1);
        assertThat(driver.findElement(By.cssSelector(".scw-progress")).isDisplayed()).as("no progress once done").isFalse();
        List<WebElement> replies = driver.findElements(By.cssSelector(".scw-bot"));
        assertThat(replies.get(replies.size() - 1).getText()).as("the disposition").contains("Thank you for answering my questions.");
        assertThat(driver.findElements(By.cssSelector("[role=alert]"))).isEmpty();
        assertNoCspViolation();
    }

    @Test
    void anEmergencyShowsTheAlertWithTheNumberForTheRestOfTheConversationAcrossAReloadUntilDeleted() {
        open();
        send("crushing chest pain spreading to my left arm");
        WebElement alert = wait.until(d -> d.findElements(By.cssSelector("[role=alert]")).stream().findFirst().orElse(null));
        assertThat(alert.isDisplayed()).isTrue();
        assertThat(alert.getText()).contains("911");
        assertThat(alert.findElement(By.cssSelector("a")).getAttribute("href")).isEqualTo("tel:911");
        wait.until(d -> bots() > 0);
        assertThat(driver.findElement(By.cssSelector(".scw-bot p")).getText()).as("the fixed emergency reply").startsWith("Call 911 now");
        assertStreamed();
        int bots = bots();
        send("thanks");
        wait.until(d -> bots() > bots);
        assertThat(driver.findElements(By.cssSelector("[role=alert]"))).as("the banner stays").hasSize(1);

        String transcript = driver.findElement(By.cssSelector("[role=log]")).getText();
        driver.navigate().refresh();
        wait.until(d -> d.findElements(By.cssSelector("[role=log] .scw-msg")).size() >= 4);
        assertThat(driver.findElement(By.cssSelector("[role=log]")).getText()).isEqualTo(transcript);
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("911");
        String id = (String) driver.executeScript(
                "return JSON.parse(sessionStorage.getItem('symptomChecker.widget.v1')).conversationId");
        assertThat(id).isNotBlank();

        driver.findElement(By.cssSelector(".scw-delete")).click();
        wait.until(d -> d.findElements(By.cssSelector("[role=log] .scw-user, [role=log] .scw-bot")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("[role=alert]"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector("[role=log]")).getText()).contains("deleted");
        assertThat((String) driver.executeScript(
                "return JSON.parse(sessionStorage.getItem('symptomChecker.widget.v1')).conversationId")).isNull();
        assertNoCspViolation();
    }

    @Test
    void everythingWorksFromTheKeyboard() {
        driver.get(root.toString());
        WebElement launcher = wait.until(d -> d.findElements(By.cssSelector(".scw-launcher")).stream().findFirst().orElse(null));
        assertThat(launcher.getAccessibleName()).isEqualTo("Open chat");
        for (int i = 0; i < 10 && !launcher.equals(driver.switchTo().activeElement()); i++) {
            driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(driver.switchTo().activeElement()).as("the launcher is reached with Tab").isEqualTo(launcher);
        assertThat(driver.executeScript("return getComputedStyle(arguments[0]).outlineStyle", launcher))
                .as("visible focus").isNotEqualTo("none");
        launcher.sendKeys(Keys.ENTER);
        assertThat(driver.switchTo().activeElement()).isEqualTo(input());
        driver.switchTo().activeElement().sendKeys("my lower back hurts after lifting", Keys.ENTER);
        wait.until(d -> !d.findElements(By.cssSelector(".scw-replies button")).isEmpty()
                && d.findElement(By.cssSelector(".scw-replies button")).isEnabled());
        int bots = bots();
        WebElement active = driver.switchTo().activeElement();
        for (int i = 0; i < 10 && !"scw-reply".equals(active.getAttribute("class")); i++) {
            active.sendKeys(Keys.SHIFT, Keys.TAB);
            active = driver.switchTo().activeElement();
        }
        assertThat(active.getAttribute("class")).as("a quick reply is reached with Shift+Tab").isEqualTo("scw-reply");
        active.sendKeys(Keys.ENTER);
        wait.until(d -> bots() > bots);
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        assertThat(driver.findElement(By.cssSelector(".scw-panel")).isDisplayed()).isFalse();
        assertThat(driver.switchTo().activeElement()).isEqualTo(launcher);
        assertNoCspViolation();
    }

    @Test
    void at360PixelsTheInputIsVisibleAndNothingScrollsSideways() throws IOException {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));
        open();
        send("does a tens machine help back pain?");
        wait.until(d -> d.findElements(By.cssSelector(".scw-bot")).size() > 0);
        assertThat(((Number) driver.executeScript("return window.innerWidth")).intValue()).isEqualTo(360);
        assertThat(((Number) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue())
                .as("horizontal overflow").isLessThanOrEqualTo(0);
        Map<?, ?> box = (Map<?, ?>) driver.executeScript(
                "var r = document.querySelector('.scw-input').getBoundingClientRect();"
                        + "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, h: innerHeight, w: innerWidth,"
                        + " font: parseFloat(getComputedStyle(document.querySelector('.scw-input')).fontSize)};");
        assertThat(((Number) box.get("left")).doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(((Number) box.get("right")).doubleValue()).isLessThanOrEqualTo(((Number) box.get("w")).doubleValue());
        assertThat(((Number) box.get("top")).doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(((Number) box.get("bottom")).doubleValue()).isLessThanOrEqualTo(((Number) box.get("h")).doubleValue());
        assertThat(((Number) box.get("font")).doubleValue()).as("input font size (no iOS zoom)").isGreaterThanOrEqualTo(16);
        screenshot("docs/widget-360.png");
        assertNoCspViolation();
    }

    @Test
    void markupInAMessageIsShownAsText() {
        open();
        String markup = "<img src=x onerror=alert(1)>";
        send(markup);
        wait.until(d -> bots() > 0);
        assertThat(driver.findElements(By.cssSelector(".scw img"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector(".scw-user")).getText()).contains(markup);
        // a reply carrying markup, a javascript: citation and a markup option: the page's fetch answers with one
        driver.executeScript("var real = window.fetch; window.fetch = function (u, o) {"
                + " if (String(u).indexOf('/api/v1/chat') < 0) { return real.apply(this, arguments); }"
                + " var reply = {conversationId: 'fake', reply: 'Text <img src=x onerror=alert(2)><b>bold</b>',"
                + " triage: {level: 'NONE'}, citations: [{title: '<i>evil</i>', url: 'javascript:alert(3)'}, {title: 'Good', url: 'https://example.org/a'}],"
                + " followUps: [{text: 'q', options: ['<img src=x onerror=alert(4)>']}], interview: null};"
                + " return Promise.resolve(new Response('event: sentence\\ndata: ' + JSON.stringify({index: 0, text: reply.reply})"
                + " + '\\n\\nevent: reply\\ndata: ' + JSON.stringify(reply) + '\\n\\n',"
                + " {status: 200, headers: {'Content-Type': 'text/event-stream'}})); };");
        int bots = bots();
        send("again");
        wait.until(d -> bots() > bots);
        assertThat(driver.findElements(By.cssSelector(".scw img, .scw b, .scw i"))).isEmpty();
        List<WebElement> links = driver.findElements(By.cssSelector(".scw-bot ol a"));
        assertThat(links).hasSize(1);
        assertThat(links.get(0).getAttribute("href")).isEqualTo("https://example.org/a");
        assertThat(links.get(0).getAttribute("target")).isEqualTo("_blank");
        assertThat(links.get(0).getAttribute("rel")).contains("noopener");
        assertThat(driver.findElement(By.cssSelector("[role=log]")).getText()).contains("<b>bold</b>", "<i>evil</i>");
        assertThat(driver.findElement(By.cssSelector(".scw-reply")).getText()).isEqualTo("<img src=x onerror=alert(4)>");
        assertNoCspViolation();
    }

    @Test
    void withoutTheStreamTheWidgetAsksThePlainWayAndABrokenStreamIsNeverSentAgain() {
        open();
        // the page's fetch counts the calls; the stream answers 404, as a service without it would
        driver.executeScript("var real = window.fetch; window.scwCalls = {}; window.scwStream = 'missing';"
                + " window.fetch = function (u, o) { var path = new URL(String(u)).pathname;"
                + " window.scwCalls[path] = (window.scwCalls[path] || 0) + 1;"
                + " if (path !== '/api/v1/chat/stream') { return real.apply(this, arguments); }"
                + " if (window.scwStream === 'missing') { return Promise.resolve(new Response(JSON.stringify({status: 404}),"
                + " {status: 404, headers: {'Content-Type': 'application/problem+json'}})); }"
                + " return Promise.resolve(new Response('event: sentence\\ndata: ' + JSON.stringify({index: 0, text: 'Half a reply. '}) + '\\n\\n',"
                + " {status: 200, headers: {'Content-Type': 'text/event-stream'}})); };");
        send("does a tens machine help back pain?");
        wait.until(d -> !d.findElements(By.cssSelector(".scw-bot ol li")).isEmpty());
        assertThat(driver.findElement(By.cssSelector(".scw-bot ol")).getText()).contains("TENS");
        assertThat(calls()).containsEntry("/api/v1/chat/stream", (Object) 1L).containsEntry("/api/v1/chat", (Object) 1L);

        // a stream that ends before its reply: the service may have taken the message, so it is not sent again
        driver.executeScript("window.scwStream = 'broken';");
        int bots = bots();
        send("and does it help neck pain?");
        wait.until(d -> bots() > bots);
        List<WebElement> notes = driver.findElements(By.cssSelector(".scw-note"));
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).getText()).contains("could not be sent");
        assertThat(calls()).containsEntry("/api/v1/chat/stream", (Object) 2L).as("no second send").containsEntry("/api/v1/chat", (Object) 1L);
        assertThat(driver.findElements(By.cssSelector(".scw-draft"))).as("the half reply is not left on the page").isEmpty();
        assertThat(driver.findElement(By.cssSelector(".scw-send")).isEnabled()).isTrue();
        assertNoCspViolation();
    }

    @Test
    void aMessageRefusedForLoadIsSentOnceMoreAfterRetryAfterAndALongWaitIsNotWaited() {
        open();
        // the page's fetch counts the stream's calls and answers the first window.scwRefuse of them as the service
        // refuses a message unread: a status with Retry-After and a problem body; the rest reach the service
        driver.executeScript("var real = window.fetch; window.scwCalls = {}; window.scwRefuse = 1; window.scwStatus = 503; window.scwAfter = '1';"
                + " window.fetch = function (u, o) { var path = new URL(String(u)).pathname;"
                + " window.scwCalls[path] = (window.scwCalls[path] || 0) + 1;"
                + " if (path !== '/api/v1/chat/stream' || window.scwRefuse < 1) { return real.apply(this, arguments); }"
                + " window.scwRefuse--;"
                + " return Promise.resolve(new Response(JSON.stringify({status: window.scwStatus, title: 'Busy'}),"
                + " {status: window.scwStatus, headers: {'Content-Type': 'application/problem+json', 'Retry-After': window.scwAfter}})); };");
        send("does a tens machine help back pain?");
        wait.until(d -> d.findElement(By.cssSelector(".scw-typing")).getText().contains("Sending yours again"));
        wait.until(d -> !d.findElements(By.cssSelector(".scw-bot ol li")).isEmpty());
        assertThat(driver.findElement(By.cssSelector(".scw-bot ol")).getText()).contains("TENS");
        assertThat(calls()).as("refused once, then sent again and answered").containsEntry("/api/v1/chat/stream", (Object) 2L)
                .doesNotContainKey("/api/v1/chat");
        assertThat(driver.findElements(By.cssSelector(".scw-note"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector(".scw-typing")).getAttribute("textContent")).as("its own words again, hidden")
                .isEqualTo("Looking that up\u2026");

        // refused twice: sent again once only, then the error
        refusedUntilTheNote("window.scwRefuse = 2;", "and does it help neck pain?", 1, 2L);
        // over a rate limit for a minute: not waited for, the error at once, one call
        refusedUntilTheNote("window.scwRefuse = 1; window.scwStatus = 429; window.scwAfter = '60';", "what about knee pain?", 2, 1L);
        assertThat(driver.findElement(By.cssSelector(".scw-send")).isEnabled()).isTrue();
        assertNoCspViolation();
    }

    /** Sends a message the page's fetch refuses as {@code refusals} sets up; the error note comes, after so many stream calls. */
    private void refusedUntilTheNote(String refusals, String text, int notes, long streamCalls) {
        driver.executeScript(refusals + " window.scwCalls = {};");
        int before = bots();
        send(text);
        wait.until(d -> bots() > before);
        assertThat(driver.findElements(By.cssSelector(".scw-note"))).hasSize(notes);
        assertThat(calls()).containsEntry("/api/v1/chat/stream", (Object) streamCalls);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> calls() {
        return (Map<String, Object>) driver.executeScript("return window.scwCalls");
    }

    /** The widget posted the message to the stream, got server-sent events back, and never called the plain chat. */
    private void assertStreamed() {
        List<String> network = new java.util.ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            try {
                com.fasterxml.jackson.databind.JsonNode m = JSON.readTree(entry.getMessage()).path("message");
                com.fasterxml.jackson.databind.JsonNode p = m.path("params");
                if (m.path("method").asText().equals("Network.requestWillBeSent")) {
                    network.add(p.path("request").path("method").asText() + " " + URI.create(p.path("request").path("url").asText()).getPath());
                } else if (m.path("method").asText().equals("Network.responseReceived")) {
                    network.add(p.path("response").path("mimeType").asText() + " " + URI.create(p.path("response").path("url").asText()).getPath());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertThat(network).contains("POST /api/v1/chat/stream", "text/event-stream /api/v1/chat/stream")
                .doesNotContain("POST /api/v1/chat");
    }

    private void open() {
        driver.get(root.toString());
        wait.until(d -> d.findElements(By.cssSelector(".scw-launcher")).stream().findFirst().orElse(null)).click();
        wait.until(d -> input().isDisplayed());
    }

    private WebElement input() {
        return driver.findElement(By.cssSelector(".scw-input"));
    }

    private void send(String text) {
        wait.until(d -> d.findElement(By.cssSelector(".scw-send")).isEnabled());
        input().sendKeys(text);
        driver.findElement(By.cssSelector(".scw-send")).click();
    }

    private int bots() {
        return driver.findElements(By.cssSelector(".scw-bot, .scw-note")).size();
    }

    /** Contrast ratio (WCAG 2) of an element's text colour on the first opaque background behind it. */
    private double contrast(String selector) {
        return ((Number) driver.executeScript("var e = document.querySelector(arguments[0]);"
                + "function rgb(c) { return c.match(/[\\d.]+/g).map(Number); }"
                + "function lum(c) { var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });"
                + "  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }"
                + "var fg = rgb(getComputedStyle(e).color), b = e, bg;"
                + "while (b) { bg = rgb(getComputedStyle(b).backgroundColor); if (bg.length < 4 || bg[3] > 0) { break; } b = b.parentElement; }"
                + "if (!b) { bg = [255, 255, 255]; }"
                + "var a = lum(fg), c = lum(bg); return (Math.max(a, c) + 0.05) / (Math.min(a, c) + 0.05);", selector)).doubleValue();
    }

    private void assertNoCspViolation() {
        List<String> messages = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
        assertThat(messages).as("browser console").noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"));
    }

    private void screenshot(String target) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path to = Path.of(target);
        Files.createDirectories(to.getParent());
        Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
    }
}
