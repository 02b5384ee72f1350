package org.symptomchecker.console;

import io.restassured.http.ContentType;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.symptomchecker.TestClient;
import org.symptomchecker.channels.EndToEnd;
import org.symptomchecker.content.ReleasesProfile;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.symptomchecker.console.ConsoleBrowsers.PAGE;
import static org.symptomchecker.console.ConsoleBrowsers.assertNoCspViolation;
import static org.symptomchecker.console.ConsoleBrowsers.focused;
import static org.symptomchecker.console.ConsoleBrowsers.screenshot;
import static org.symptomchecker.console.ConsoleBrowsers.scrollTo;
import static org.symptomchecker.console.ConsoleBrowsers.waitFor;

/**
 * The console's statistics, users, confirmation and session-end behaviour in a real browser (headless Chromium, as
 * ConsoleBrowserTest): the charts and their tables against the stats API after chat turns, a user created and its role
 * changed on the users page, a rollback cancelled and a discard confirmed in the confirmation dialog, and an ended
 * session sent to the login page, which says so. Saves the screenshot docs/console-stats.png.
 */
@QuarkusTest
@TestProfile(ReleasesProfile.class)
class ConsoleViewsBrowserTest {

    private static final String API = "/api/v1/admin/content";
    /** A publish or a rollback runs the publish gate's whole evaluation: 15 to 70 s on a small machine, over 180 s beside other builds. */
    private static final Duration GATE = Duration.ofSeconds(600);
    private static final Map<String, String> LEVEL_WORDS = Map.of("EMERGENCY", "Emergency", "URGENT", "Urgent",
            "ROUTINE", "Routine", "SELF_CARE", "Self-care", "NONE", "No symptom");

    @TestHTTPResource("/")
    URL root;

    final ConsoleBrowsers browsers = new ConsoleBrowsers();
    ConsoleSession admin;
    Long before;

    @BeforeEach
    void setUp() {
        ConsoleBrowsers.assumeInstalled();
        admin = ConsoleSession.admin();
    }

    @AfterEach
    void tearDown() {
        browsers.quitAll();
        // a test that published a release leaves the one it found published
        if (before != null && publishedRelease() != before) {
            admin.withCsrf().post(API + "/releases/" + before + "/rollback").then().statusCode(200);
        }
    }

    @Test
    void theStatisticsViewDrawsTheTurnsByLevelAndRuleWithTheSameNumbersAsTables() throws IOException {
        Map<String, Long> levelsBefore = totals(stats(), "levels");
        TestClient.say(null, "hello");
        TestClient.say(null, EndToEnd.EMERGENCY);
        // an emergency reply is sent before its record is written (it never waits on the store): the count follows
        Map<String, Long> levelsAfter = totals(stats(), "levels");
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                sum(levelsAfter) < sum(levelsBefore) + 2 && System.nanoTime() < end; levelsAfter = totals(stats(), "levels")) {
            sleep(100);
        }
        assertThat(sum(levelsAfter)).as("two turns more").isEqualTo(sum(levelsBefore) + 2);
        assertThat(levelsAfter.get("EMERGENCY")).isEqualTo(levelsBefore.getOrDefault("EMERGENCY", 0L) + 1);

        ChromeDriver driver = browsers.signIn(root, "admin", ConsoleSession.ADMIN_PASSWORD);
        driver.manage().window().setSize(new Dimension(1280, 1500));
        driver.findElement(By.linkText("Statistics")).click();
        WebElement levels = waitFor(driver, PAGE, d -> d.findElement(By.id("levels-chart")));
        assertThat(focused(driver)).isEqualTo("stats-heading");
        assertThat(driver.findElement(By.linkText("Statistics")).getAttribute("aria-current")).isEqualTo("page");
        assertThat(new Select(driver.findElement(By.id("stats-days"))).getFirstSelectedOption().getText()).isEqualTo("The last 14 days");
        List<Map<String, Object>> days = stats(); // what the page was drawn from (no turn since)
        assertThat(totals(days, "rules")).as("the chest pain matched a red-flag rule").isNotEmpty();

        assertThat(levels.getAttribute("role")).isEqualTo("img");
        assertThat(levels.getAccessibleName()).isEqualTo("Triage levels per day");
        assertThat(levels.findElement(By.tagName("desc")).getAttribute("textContent"))
                .contains("Emergency " + totals(days, "levels").get("EMERGENCY"));
        assertThat(driver.findElement(By.id("rules-chart")).getAccessibleName()).isEqualTo("Guardrail rule events per day");
        assertThat(axisLabels(levels)).containsExactly("Day (UTC, month-day)", "Turns");
        assertThat(axisLabels(driver.findElement(By.id("rules-chart")))).containsExactly("Day (UTC, month-day)", "Rule events");
        assertThat(driver.findElement(By.id("stats-period")).getText())
                .contains(sum(totals(days, "levels")) + " triaged turns", sum(totals(days, "rules")) + " guardrail rule event");
        scrollTo(driver, "stats-heading");
        screenshot(driver, "docs/console-stats.png");

        assertChartShows(driver, "levels", days, LEVEL_WORDS, "turn");
        assertChartShows(driver, "rules", days, Map.of(), "event");
        assertThat(driver.findElements(By.id("stats-empty"))).isEmpty();

        // another period, chosen with the keyboard
        new Select(driver.findElement(By.id("stats-days"))).selectByValue("7");
        driver.findElement(By.cssSelector("#view form button[type=submit]")).sendKeys(Keys.ENTER);
        waitFor(driver, PAGE, d -> d.findElements(By.cssSelector("#levels-table tbody tr")).size() == 7 ? true : null);
        assertThat(driver.getCurrentUrl()).endsWith("#/stats?days=7");
        assertNoCspViolation(driver);

        // periods without rule events, and without any turn: the stats API's answer replaced in the page
        answerStatsWith(driver, "[{\"date\":\"2026-01-01\",\"levels\":{},\"rules\":{}},"
                + "{\"date\":\"2026-01-02\",\"levels\":{\"NONE\":3},\"rules\":{}}]");
        driver.executeScript("location.hash = '#/stats?days=30'");
        waitFor(driver, PAGE, d -> d.findElement(By.id("rules-empty")));
        assertThat(driver.findElement(By.id("rules-empty")).getText()).isEqualTo("No guardrail rule matched in this period.");
        assertThat(driver.findElements(By.id("rules-chart"))).isEmpty();
        assertThat(driver.findElement(By.id("levels-legend")).getText()).isEqualTo("No symptom: 3 turns");
        answerStatsWith(driver, "[{\"date\":\"2026-01-01\",\"levels\":{},\"rules\":{}}]");
        driver.executeScript("location.hash = '#/stats?days=90'");
        waitFor(driver, PAGE, d -> d.findElement(By.id("stats-empty")));
        assertThat(driver.findElement(By.id("stats-empty")).getText()).isEqualTo("No conversations in this period.");
        assertThat(driver.findElements(By.cssSelector("#view svg"))).isEmpty();
    }

    @Test
    void theToDoViewListsUnansweredQuestionsRedactedAndGroupedAndFiltersByKind() throws IOException {
        String marker = "zztodo" + System.nanoTime();
        // worded unlike ContentGapsTest's questions: the list groups alike questions of every test on one database
        TestClient.say(null, "My name is John Smith: which foods make " + marker + " acid reflux worse?");
        TestClient.say(null, "acid reflux " + marker + " foods to avoid");
        // the voted question has its own marker: a shared rare word would group it with the others
        String voted = "zzvoted" + System.nanoTime();
        String answered = TestClient.say(null, "what is sciatica " + voted).getString("conversationId");
        given().contentType(ContentType.JSON).body(TestClient.json(Map.of("conversationId", answered, "vote", "down")))
                .post("/api/v1/feedback").then().statusCode(201);

        ChromeDriver driver = browsers.signIn(root, "admin", ConsoleSession.ADMIN_PASSWORD);
        driver.findElement(By.linkText("To-do")).click();
        // the view is drawn, and said, once its data is in
        ConsoleBrowsers.waitFor(driver, ConsoleBrowsers.PAGE, d -> d.findElement(By.id("live")).getText().startsWith("To-do: ") ? true : null);
        WebElement table = driver.findElement(By.id("gaps"));
        WebElement row = table.findElements(By.cssSelector("tbody tr")).stream()
                .filter(r -> r.findElement(By.tagName("th")).getText().contains(marker) && r.getText().contains("acid reflux"))
                .findFirst().orElseThrow(() -> new AssertionError("no acid reflux group in: " + table.getText()));
        List<WebElement> cells = row.findElements(By.tagName("td"));
        // both questions in one group, redacted
        assertThat(row.getText()).contains("acid reflux " + marker + " foods to avoid")
                .contains("My name is [name]: which foods make " + marker + " acid reflux worse?");
        assertThat(cells.get(0).getText()).isEqualTo("2");
        assertThat(cells.get(1).getText()).isEqualTo("No answer: 2");
        assertThat(table.getText()).doesNotContain("John Smith").contains(voted);
        assertThat(driver.findElement(By.id("live")).getText()).startsWith("To-do: ");
        assertThat(ConsoleBrowsers.focused(driver)).isEqualTo("gaps-heading");
        assertThat(driver.findElement(By.linkText("To-do")).getAttribute("aria-current")).isEqualTo("page");
        ConsoleBrowsers.screenshot(driver, "docs/console-todo.png");

        new Select(driver.findElement(By.id("gaps-kind"))).selectByValue("down-vote");
        driver.findElement(By.cssSelector("#gaps-kind ~ button[type=submit]")).click();
        ConsoleBrowsers.waitFor(driver, ConsoleBrowsers.PAGE, d -> d.getCurrentUrl().contains("kind=down-vote") ? true : null);
        // the list drawn again for the new choice (the old one is replaced as it goes)
        String votes = ConsoleBrowsers.waitFor(driver, ConsoleBrowsers.PAGE, d -> {
            String text = d.findElement(By.id("gaps")).getText();
            return text.contains(marker) ? null : text;
        });
        assertThat(votes).contains(voted).contains("Voted not helpful: ");
        ConsoleBrowsers.assertNoCspViolation(driver);
    }

    @Test
    void anAdminCreatesAUserAndChangesItsRoleOnTheUsersPage() {
        ChromeDriver driver = browsers.signIn(root, "admin", ConsoleSession.ADMIN_PASSWORD);
        driver.findElement(By.linkText("Users")).click();
        waitFor(driver, PAGE, d -> d.findElement(By.cssSelector("#users tr[data-user='admin']")));
        assertThat(focused(driver)).isEqualTo("users-heading");
        assertThat(driver.findElement(By.id("new-username")).getAccessibleName()).isEqualTo("Username");
        assertThat(driver.findElement(By.id("new-password")).getAccessibleName()).isEqualTo("Initial password");

        String name = ConsoleSession.uniqueName("writer");
        String password = "first-password-" + name;
        driver.findElement(By.id("new-username")).sendKeys(name);
        new Select(driver.findElement(By.id("new-role"))).selectByValue("reviewer");
        driver.findElement(By.id("new-password")).sendKeys(password, Keys.ENTER);
        WebElement row = waitFor(driver, PAGE, d -> d.findElement(By.cssSelector("#users tr[data-user='" + name + "']")));
        assertThat(row.findElement(By.cssSelector("td.role")).getText()).isEqualTo("reviewer");
        assertThat(row.getText()).contains("Active");
        waitFor(driver, PAGE, d -> d.findElement(By.id("live")).getText().equals("User " + name + " is created with the role reviewer.") ? true : null);
        assertThat(focused(driver)).isEqualTo("user-" + name);
        assertThat(userRole(name)).isEqualTo("reviewer");

        // the API's problem detail is shown: the same username again
        driver.findElement(By.id("new-username")).sendKeys(name);
        driver.findElement(By.id("new-password")).sendKeys(password, Keys.ENTER);
        WebElement live = driver.findElement(By.id("live"));
        waitFor(driver, PAGE, d -> live.getText().contains("a user with this username exists") ? true : null);
        assertThat(live.getAttribute("class")).contains("error");
        assertThat(focused(driver)).isEqualTo("live");

        // a change of role
        WebElement roleSelect = driver.findElement(By.id("role-" + name));
        assertThat(roleSelect.getAccessibleName()).isEqualTo("New role of " + name);
        new Select(roleSelect).selectByValue("editor");
        WebElement change = driver.findElement(By.cssSelector("button[data-change-role='" + name + "']"));
        assertThat(change.getAccessibleName()).isEqualTo("Change the role of " + name);
        change.click();
        waitFor(driver, PAGE, d -> d.findElement(By.cssSelector("#users tr[data-user='" + name + "'] td.role")).getText().equals("editor") ? true : null);
        assertThat(driver.findElement(By.id("live")).getText()).isEqualTo(name + " now has the role editor.");
        assertThat(userRole(name)).isEqualTo("editor");
        assertNoCspViolation(driver);

        // the new user signs in with the initial password, and an editor has no users page
        ChromeDriver theirs = browsers.signIn(root, name, password);
        assertThat(theirs.findElement(By.id("who")).getText()).contains(name, "editor");
        assertThat(theirs.findElement(By.id("users-link")).isDisplayed()).isFalse();
        theirs.findElement(By.linkText("Statistics")).click();
        waitFor(theirs, PAGE, d -> d.findElement(By.id("stats-heading")));
        theirs.executeScript("location.hash = '#/users'");
        waitFor(theirs, PAGE, d -> d.findElement(By.id("home-heading")));
        assertThat(theirs.findElements(By.id("users"))).isEmpty();
    }

    @Test
    void aRollbackIsCancelledAndADiscardConfirmedInTheDialog() {
        before = publishedRelease();
        long target = otherRelease();
        long published = publishedRelease();
        long draft = admin.post(API + "/drafts", Map.of("note", "to be discarded")).then().statusCode(201)
                .extract().jsonPath().getLong("draft.id");
        String releases = admin.request().get(API + "/releases").then().statusCode(200).extract().asString();

        ChromeDriver driver = browsers.signIn(root, "admin", ConsoleSession.ADMIN_PASSWORD);
        waitFor(driver, PAGE, d -> d.findElement(By.id("releases")));
        // every call the page sends other than a GET, as the page makes it
        driver.executeScript("window.sent = []; var plain = window.fetch; window.fetch = function (url, options) {"
                + " if (options && options.method && options.method !== 'GET') { window.sent.push(options.method + ' ' + url); }"
                + " return plain.apply(this, arguments); };");

        WebElement rollback = driver.findElement(By.cssSelector("button[data-rollback='" + target + "']"));
        rollback.click();
        openDialog(driver, "Roll back to release " + target + "?", "Roll back");
        driver.findElement(By.id("confirm-cancel")).click();
        waitFor(driver, PAGE, d -> d.findElements(By.id("confirm")).isEmpty() ? true : null);
        assertThat(driver.switchTo().activeElement().getAttribute("data-rollback")).as("focus back on the button").isEqualTo(String.valueOf(target));
        waitFor(driver, PAGE, d -> d.findElement(By.id("live")).getText().startsWith("Nothing was rolled back") ? true : null);

        // Escape cancels too
        rollback.click();
        openDialog(driver, "Roll back to release " + target + "?", "Roll back");
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitFor(driver, PAGE, d -> d.findElements(By.id("confirm")).isEmpty() ? true : null);
        assertThat(driver.switchTo().activeElement().getAttribute("data-rollback")).isEqualTo(String.valueOf(target));
        assertThat(sent(driver)).as("sent").isEmpty();
        assertThat(admin.request().get(API + "/releases").then().statusCode(200).extract().asString())
                .as("the releases as they were").isEqualTo(releases);

        // a discard, confirmed
        driver.findElement(By.linkText("Draft " + draft + ": to be discarded")).click();
        waitFor(driver, PAGE, d -> d.findElement(By.id("draft-heading")).getText().equals("Draft " + draft + ": to be discarded") ? true : null);
        driver.findElement(By.id("discard")).click();
        openDialog(driver, "Discard draft " + draft + " (to be discarded)?", "Discard");
        assertThat(draftState(draft)).as("nothing sent before the answer").isEqualTo("open");
        driver.findElement(By.id("confirm-ok")).click();
        waitFor(driver, PAGE, d -> d.findElement(By.id("live")).getText().equals("Draft " + draft + " is discarded.") ? true : null);
        assertThat(draftState(draft)).isEqualTo("discarded");
        assertThat(sent(driver)).as("sent")
                .containsExactly("POST " + API + "/drafts/" + draft + "/discard");
        assertThat(publishedRelease()).isEqualTo(published);
        assertNoCspViolation(driver);
    }

    @Test
    void anEndedSessionLeadsToTheLoginPageWhichSaysSo() {
        ChromeDriver driver = browsers.signIn(root, "admin", ConsoleSession.ADMIN_PASSWORD);
        waitFor(driver, PAGE, d -> d.findElement(By.id("releases")));
        driver.manage().deleteCookieNamed(ConsoleSession.SESSION_COOKIE);
        driver.findElement(By.linkText("Statistics")).click();
        waitFor(driver, PAGE, d -> d.getCurrentUrl().endsWith("/console/login?expired=true") ? true : null);
        WebElement message = waitFor(driver, PAGE, d -> d.findElement(By.id("login-message")));
        assertThat(message.getAttribute("role")).isIn("status", "alert");
        assertThat(message.getText()).isEqualTo("Your session has ended: sign in again.");
        assertThat(driver.findElements(By.id("j_username"))).hasSize(1);

        // and signing in again works
        driver.findElement(By.id("j_username")).sendKeys("admin");
        driver.findElement(By.id("j_password")).sendKeys(ConsoleSession.ADMIN_PASSWORD, Keys.ENTER);
        ConsoleBrowsers.waitReady(driver);
        assertThat(driver.findElement(By.id("who")).getText()).contains("admin");
    }

    // ---- the page ----

    /** The open confirmation dialog: its question (its accessible name), its buttons, and the focus on Cancel. */
    private static WebElement openDialog(ChromeDriver driver, String question, String confirm) {
        WebElement dialog = waitFor(driver, PAGE, d -> d.findElement(By.cssSelector("dialog#confirm[open]")));
        assertThat(dialog.getAccessibleName()).isEqualTo(question);
        assertThat(driver.findElement(By.id("confirm-ok")).getText()).isEqualTo(confirm);
        assertThat(focused(driver)).isEqualTo("confirm-cancel");
        return dialog;
    }

    /** What the page sent other than GETs since the recorder was put in (null: the page was loaded again). */
    private static List<String> sent(ChromeDriver driver) {
        Object sent = driver.executeScript("return window.sent");
        assertThat(sent).as("the recorder of calls").isInstanceOf(List.class);
        return ((List<?>) sent).stream().map(String::valueOf).toList();
    }

    /** From now on the page's calls to the stats API get this JSON instead of the server's answer. */
    private static void answerStatsWith(ChromeDriver driver, String json) {
        driver.executeScript("var body = arguments[0]; var served = window.fetch; window.fetch = function (url, options) {"
                + " if (String(url).indexOf('/stats?') >= 0) {"
                + " return Promise.resolve(new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } })); }"
                + " return served.apply(this, arguments); };", json);
    }

    private static List<String> axisLabels(WebElement chart) {
        return chart.findElements(By.cssSelector("text.axis-label")).stream().map(t -> t.getAttribute("textContent")).toList();
    }

    /**
     * A chart against the API's days: one legend entry per series with its total in words, today's bar made of the
     * series' counts, and the table (opened from the keyboard) with every day's counts and the totals.
     */
    private static void assertChartShows(ChromeDriver driver, String id, List<Map<String, Object>> days,
                                         Map<String, String> words, String unit) {
        Map<String, Long> totals = totals(days, id);
        List<WebElement> legend = driver.findElements(By.cssSelector("#" + id + "-legend li"));
        List<String> series = legend.stream().map(li -> li.getAttribute("data-series")).toList();
        assertThat(series).containsExactlyInAnyOrderElementsOf(totals.keySet());
        for (WebElement entry : legend) {
            String name = entry.getAttribute("data-series");
            long n = totals.get(name);
            assertThat(entry.getText()).isEqualTo(words.getOrDefault(name, name) + ": " + n + " " + unit + (n == 1 ? "" : "s"));
        }

        Map<String, Object> today = days.get(days.size() - 1);
        Map<String, Long> bars = new TreeMap<>();
        for (WebElement bar : driver.findElements(By.cssSelector("#" + id + "-chart rect.bar[data-date='" + today.get("date") + "']"))) {
            bars.put(bar.getAttribute("data-series"), Long.parseLong(bar.getAttribute("data-count")));
        }
        assertThat(bars).as("today's bar").isEqualTo(counts(today, id)).isNotEmpty();

        WebElement summary = driver.findElement(By.cssSelector("#" + id + "-details summary"));
        assertThat(summary.getText()).isEqualTo("Show as table");
        WebElement table = driver.findElement(By.id(id + "-table"));
        assertThat(table.isDisplayed()).isFalse();
        summary.sendKeys(Keys.ENTER);
        waitFor(driver, PAGE, d -> table.isDisplayed() ? true : null);
        List<String> head = table.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText).toList();
        assertThat(head).containsExactlyElementsOf(
                concat("Date", series.stream().map(s -> words.getOrDefault(s, s)).toList(), "Total"));
        assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(days.size());
        for (Map<String, Object> day : days) {
            Map<String, Long> counts = counts(day, id);
            List<String> expected = series.stream().map(s -> String.valueOf(counts.getOrDefault(s, 0L))).toList();
            List<String> cells = table.findElements(By.cssSelector("tbody tr[data-date='" + day.get("date") + "'] td"))
                    .stream().map(WebElement::getText).toList();
            assertThat(cells).as(id + " on " + day.get("date")).containsExactlyElementsOf(concat(null, expected, String.valueOf(sum(counts))));
        }
        List<String> foot = table.findElements(By.cssSelector("tfoot td")).stream().map(WebElement::getText).toList();
        assertThat(foot).containsExactlyElementsOf(
                concat(null, series.stream().map(s -> String.valueOf(totals.get(s))).toList(), String.valueOf(sum(totals))));
    }

    private static List<String> concat(String first, List<String> middle, String last) {
        List<String> all = new java.util.ArrayList<>();
        if (first != null) {
            all.add(first);
        }
        all.addAll(middle);
        all.add(last);
        return all;
    }

    // ---- the API ----

    /** The stats API's last 14 days (the page's default period), oldest first. */
    private List<Map<String, Object>> stats() {
        JsonPath days = admin.request().queryParam("days", 14).get(API + "/stats").then().statusCode(200).extract().jsonPath();
        return days.getList("", Map.class).stream().map(d -> {
            Map<String, Object> day = new LinkedHashMap<>();
            ((Map<?, ?>) d).forEach((k, v) -> day.put(String.valueOf(k), v));
            return day;
        }).toList();
    }

    /** A day's non-zero counts of "levels" or "rules" (the page's chart ids name them too). */
    private static Map<String, Long> counts(Map<String, Object> day, String key) {
        Map<String, Long> out = new TreeMap<>();
        ((Map<?, ?>) day.get(key)).forEach((k, v) -> {
            long n = ((Number) v).longValue();
            if (n > 0) {
                out.put(String.valueOf(k), n);
            }
        });
        return out;
    }

    private static Map<String, Long> totals(List<Map<String, Object>> days, String key) {
        Map<String, Long> out = new TreeMap<>();
        days.forEach(d -> counts(d, key).forEach((k, n) -> out.merge(k, n, Long::sum)));
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private String userRole(String username) {
        return admin.request().get(API + "/users").then().statusCode(200).extract().jsonPath()
                .getString("find { it.username == '" + username + "' }.role");
    }

    private String draftState(long draft) {
        return admin.request().get(API + "/drafts/" + draft).then().statusCode(200).extract().jsonPath().getString("draft.state");
    }

    private long publishedRelease() {
        return admin.request().get(API + "/releases").then().statusCode(200).extract().jsonPath().getLong("published.release");
    }

    /**
     * A release other than the published one, to roll back to: one that exists, or else one published here (a new
     * greeting, through the publish gate), which leaves the release found published as the other one.
     */
    private long otherRelease() {
        List<Long> numbers = admin.request().get(API + "/releases").then().statusCode(200).extract().jsonPath()
                .getList("releases.number", Long.class);
        return numbers.stream().filter(n -> n != before.longValue()).findFirst().orElseGet(() -> {
            long draft = admin.post(API + "/drafts", Map.of("note", "a greeting for the views test")).then().statusCode(201)
                    .extract().jsonPath().getLong("draft.id");
            admin.withCsrf().contentType("text/plain; charset=utf-8")
                    .body("Hello. I can share vetted health information about back pain, sciatica, hip pain and shingles. "
                            + "Tell me in your own words what is bothering you. I am not a doctor and cannot diagnose you.")
                    .put(API + "/drafts/" + draft + "/files/prompts/reply/greeting.txt").then().statusCode(200);
            admin.withCsrf().post(API + "/drafts/" + draft + "/publish").then().statusCode(200);
            assertThat(draftState(draft)).isEqualTo("published");
            return before;
        });
    }
}
