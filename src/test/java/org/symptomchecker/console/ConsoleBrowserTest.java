package org.symptomchecker.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.symptomchecker.content.ReleasesProfile;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symptomchecker.console.ConsoleBrowsers.assertNoCspViolation;
import static org.symptomchecker.console.ConsoleBrowsers.focused;
import static org.symptomchecker.console.ConsoleBrowsers.screenshot;
import static org.symptomchecker.console.ConsoleBrowsers.scrollTo;
import static org.symptomchecker.console.ConsoleBrowsers.waitFor;
import static org.symptomchecker.console.ConsoleBrowsers.waitReady;

/**
 * The content console's pages in a real browser (headless Debian Chromium driven by Selenium, as WidgetBrowserTest):
 * an editor's draft, its diff and evaluation, a publish refused for want of an approval and then by the gate, a
 * reviewer's approval in a second browser, a harmless change published, and a reviewer's rollback. Saves the
 * screenshots docs/console-diff.png, docs/console-evaluation.png and docs/console-releases.png. Skipped, with a
 * message, when no browser is installed.
 */
@QuarkusTest
@TestProfile(ReleasesProfile.class)
class ConsoleBrowserTest {

    private static final String API = "/api/v1/admin/content";
    /** An evaluation or a publish runs the whole triage evaluation set: 15 to 70 s on a small machine, over 180 s beside other builds (as the HTTP test timeout allows). */
    private static final Duration GATE = Duration.ofSeconds(600);

    @TestHTTPResource("/")
    URL root;

    final ConsoleBrowsers browsers = new ConsoleBrowsers();
    ConsoleSession admin;
    ConsoleSession editor;
    ConsoleSession reviewer;
    String editorPassword;
    String reviewerPassword;
    long before;

    @BeforeEach
    void setUp() {
        ConsoleBrowsers.assumeInstalled();
        admin = ConsoleSession.admin();
        String e = ConsoleSession.uniqueName("editor");
        String r = ConsoleSession.uniqueName("reviewer");
        editorPassword = admin.createUser(e, "editor");
        reviewerPassword = admin.createUser(r, "reviewer");
        editor = ConsoleSession.login(e, editorPassword);
        reviewer = ConsoleSession.login(r, reviewerPassword);
        before = publishedRelease();
    }

    @AfterEach
    void tearDown() {
        browsers.quitAll();
        // each test leaves the release it found published
        if (reviewer != null && publishedRelease() != before) {
            reviewer.withCsrf().post(API + "/releases/" + before + "/rollback").then().statusCode(200);
        }
    }

    @Test
    void aWeakenedEmergencyRuleIsDiffedEvaluatedAndRefusedThroughThePages() throws IOException {
        ChromeDriver ed = signIn(editor.username(), editorPassword);
        assertThat(ed.findElement(By.id("who")).getText()).contains(editor.username(), "editor");
        assertThat(ed.findElement(By.id("published-release")).getText()).contains("Release " + before);
        assertThat(ed.findElement(By.id("live")).getAttribute("aria-live")).isEqualTo("polite");
        assertThat(ed.findElements(By.cssSelector("[data-rollback]"))).as("an editor does not roll back").isEmpty();
        assertThat(ed.findElement(By.id("audit-link")).isDisplayed()).as("the audit log is for reviewers").isFalse();
        for (String page : List.of("/console", "/console/console.js", "/console/console.css")) {
            assertThat(editor.request().get(page).then().statusCode(200).extract().header("Content-Security-Policy"))
                    .as(page).contains("script-src 'self'", "style-src 'self'").doesNotContain("unsafe");
        }

        long draft = newDraft(ed, "weaken a rule");
        WebElement area = openFile(ed, "guardrails/rules.yaml");
        assertThat(area.getAccessibleName()).isEqualTo("Text of guardrails/rules.yaml");
        String rules = area.getDomProperty("value");
        assertThat(rules).contains("level: EMERGENCY");
        save(ed, area, rules.replaceFirst("level: EMERGENCY", "level: URGENT"));
        assertThat(editor.request().get(API + "/drafts/" + draft).then().statusCode(200).extract().jsonPath()
                .getList("changedPaths", String.class)).containsExactly("guardrails/rules.yaml");
        assertThat(ed.findElement(By.id("changed-files")).getText()).contains("guardrails/rules.yaml");

        // the diff: lines marked added and removed in words, not by colour alone
        ed.findElement(By.id("show-diff")).click();
        WebElement diff = waitFor(ed, Duration.ofSeconds(30), d -> d.findElement(By.id("diff")));
        assertThat(focused(ed)).isEqualTo("diff-heading");
        assertThat(diff.getText()).contains("guardrails/rules.yaml (changed, needs a reviewer's approval)");
        assertThat(ed.findElements(By.cssSelector("#diff li.removed")).stream().map(l -> l.getAttribute("textContent")))
                .anyMatch(t -> t.startsWith("-Removed: line") && t.contains("level: EMERGENCY"));
        assertThat(ed.findElements(By.cssSelector("#diff li.added")).stream().map(l -> l.getAttribute("textContent")))
                .anyMatch(t -> t.startsWith("+Added: line") && t.contains("level: URGENT"));
        scrollTo(ed, "diff-heading");
        screenshot(ed, "docs/console-diff.png");

        // the evaluation: the gate's report, EMERGENCY cases now URGENT, and that it would refuse
        // what the live region says while the gate runs is watched from the page: a fast run replaces it before a look
        ed.executeScript("window.consoleSaid = []; var live = document.getElementById('live');"
                + "new MutationObserver(function () { window.consoleSaid.push(live.textContent); })"
                + ".observe(live, { childList: true, characterData: true, subtree: true });");
        ed.findElement(By.id("run-evaluation")).click();
        WebElement report = waitFor(ed, GATE, d -> d.findElement(By.id("evaluation")));
        assertThat(String.valueOf(ed.executeScript("return window.consoleSaid.join(' | ')"))).contains("Running the evaluation");
        assertThat(focused(ed)).isEqualTo("evaluation-heading");
        assertThat(ed.findElement(By.id("evaluation-verdict")).getText()).startsWith("Refused");
        assertThat(report.getText()).contains("EMERGENCY or URGENT evaluation case(s) come out lower", "Yes, refuses");
        List<WebElement> row = ed.findElements(By.cssSelector("#evaluation table.cases tbody tr")).get(0).findElements(By.tagName("td"));
        assertThat(row.get(2).getText()).isEqualTo("EMERGENCY");
        assertThat(row.get(3).getText()).isEqualTo("URGENT");
        assertThat(ed.findElement(By.id("live")).getText()).contains("Evaluation done", "refused");
        scrollTo(ed, "evaluation-heading");
        screenshot(ed, "docs/console-evaluation.png");

        // publish without an approval: refused, and said so
        ed.findElement(By.id("publish")).click();
        WebElement refusals = waitFor(ed, GATE, d -> d.findElement(By.id("outcome-refusals")));
        assertThat(ed.findElement(By.id("outcome-heading")).getText()).isEqualTo("Publish refused");
        assertThat(refusals.getText()).contains("reviewer who is not its author");
        assertThat(ed.findElement(By.id("live")).getAttribute("class")).contains("error");
        assertThat(ed.findElements(By.id("approve"))).as("an editor does not approve").isEmpty();

        // a reviewer approves in a second browser
        ChromeDriver rv = signIn(reviewer.username(), reviewerPassword);
        rv.get(root + "console#/drafts/" + draft);
        waitFor(rv, Duration.ofSeconds(30), d -> d.findElement(By.id("draft-heading")).getText().contains("weaken a rule") ? true : null);
        rv.findElement(By.id("approve")).click();
        waitFor(rv, Duration.ofSeconds(30), d -> d.findElement(By.id("live")).getText().contains("is approved by " + reviewer.username()) ? true : null);
        assertThat(rv.findElement(By.id("sign-off")).getText()).isEqualTo("approved by " + reviewer.username());
        assertThat(editor.request().get(API + "/drafts/" + draft).then().extract().jsonPath().getBoolean("approved")).isTrue();

        // approved, and still refused: the gate finds EMERGENCY cases lower
        ed.navigate().refresh();
        waitReady(ed);
        assertThat(ed.findElement(By.id("sign-off")).getText()).contains("approved by " + reviewer.username());
        ed.findElement(By.id("publish")).click();
        waitFor(ed, GATE, d -> d.findElement(By.id("outcome-refusals")).getText().contains("come out lower") ? true : null);
        assertThat(ed.findElement(By.id("outcome-refusals")).getText()).doesNotContain("reviewer who is not its author");
        assertThat(ed.findElement(By.id("outcome-report")).getText()).contains("EMERGENCY", "URGENT", "Yes, refuses");
        assertThat(publishedRelease()).isEqualTo(before);
        assertNoCspViolation(ed);

        ed.findElement(By.id("discard")).click();
        confirm(ed, "Discard draft " + draft + " (weaken a rule)?", "Discard");
        waitFor(ed, Duration.ofSeconds(30), d -> d.findElement(By.id("live")).getText().contains("is discarded") ? true : null);
        assertThat(editor.request().get(API + "/drafts/" + draft).then().extract().jsonPath().getString("draft.state")).isEqualTo("discarded");
    }

    @Test
    void aHarmlessChangeIsPublishedAndAReviewerRollsItBack() throws IOException {
        ChromeDriver ed = signIn(editor.username(), editorPassword);
        long draft = newDraft(ed, "friendlier greeting");

        // an API error is shown, not swallowed: a draft that changes nothing does not publish
        ed.findElement(By.id("publish")).click();
        WebElement live = ed.findElement(By.id("live"));
        waitFor(ed, Duration.ofSeconds(30), d -> live.getAttribute("class").contains("error") && !live.getText().isBlank() ? true : null);
        assertThat(focused(ed)).isEqualTo("live");

        WebElement area = openFile(ed, "prompts/reply/greeting.txt");
        String greeting = "Hi. I can share vetted health information about back pain, sciatica, hip pain and shingles. "
                + "Tell me what is bothering you, in your own words. I am not a doctor and cannot diagnose you.";
        save(ed, area, greeting);
        ed.findElement(By.id("publish")).click();
        WebElement outcome = waitFor(ed, GATE, d -> d.findElement(By.id("outcome-heading")).getText().startsWith("Published") ? d.findElement(By.id("outcome-heading")) : null);
        long release = Long.parseLong(outcome.getText().replace("Published: release ", ""));
        assertThat(release).isGreaterThan(before);
        assertThat(publishedRelease()).isEqualTo(release);
        assertThat(editor.request().get(API + "/releases/" + release + "/files/prompts/reply/greeting.txt").then().extract().asString())
                .isEqualTo(greeting);
        assertThat(editor.request().get(API + "/drafts/" + draft).then().extract().jsonPath().getString("draft.state")).isEqualTo("published");

        ed.findElement(By.linkText("See the releases")).click();
        WebElement newest = waitFor(ed, Duration.ofSeconds(30), d -> d.findElement(By.cssSelector("#releases tr[data-release='" + release + "']")));
        assertThat(newest.getText()).contains("friendlier greeting", editor.username(), "Published");
        assertThat(ed.findElement(By.id("published-release")).getText()).contains("Release " + release);
        ed.executeScript("window.scrollTo(0, 0)");
        screenshot(ed, "docs/console-releases.png");
        assertNoCspViolation(ed);

        // a reviewer rolls back to the release that was published before
        ChromeDriver rv = signIn(reviewer.username(), reviewerPassword);
        WebElement rollback = rv.findElement(By.cssSelector("button[data-rollback='" + before + "']"));
        assertThat(rollback.getAccessibleName()).isEqualTo("Roll back to release " + before);
        rollback.click();
        confirm(rv, "Roll back to release " + before + "?", "Roll back");
        waitFor(rv, GATE, d -> d.findElement(By.id("published-release")).getText().contains("Release " + before + ",") ? true : null);
        // the list is drawn again before the result is said: wait for the live region too
        waitFor(rv, Duration.ofSeconds(30), d -> d.findElement(By.id("live")).getText().contains("Release " + before + " is published again") ? true : null);
        assertThat(focused(rv)).isEqualTo("published-heading");
        assertThat(publishedRelease()).isEqualTo(before);

        // the audit log, filtered by the editor, with its JSON Lines export
        rv.findElement(By.linkText("Audit log")).click();
        waitFor(rv, Duration.ofSeconds(30), d -> d.findElement(By.id("audit-actor")));
        rv.findElement(By.id("audit-actor")).sendKeys(editor.username());
        rv.findElement(By.id("audit-action")).sendKeys("release.published");
        rv.findElement(By.cssSelector("#view form button[type=submit]")).click();
        waitFor(rv, Duration.ofSeconds(30), d -> d.findElement(By.id("audit-count")).getText().startsWith("1 entry") ? true : null);
        assertThat(rv.findElement(By.id("audit")).getText()).contains(editor.username(), "release.published");
        assertThat(rv.findElement(By.id("audit-export")).getAttribute("href"))
                .endsWith(API + "/audit/export?actor=" + editor.username() + "&action=release.published");
    }

    // ---- the browser ----

    /** A new browser, signed in through the login page and on the console's home. */
    private ChromeDriver signIn(String username, String password) {
        ChromeDriver driver = browsers.signIn(root, username, password);
        waitFor(driver, Duration.ofSeconds(30), d -> d.findElement(By.id("releases")));
        return driver;
    }

    /** Answers the confirmation dialog that asks the question with its confirming button. */
    private static void confirm(ChromeDriver driver, String question, String button) {
        WebElement ok = waitFor(driver, Duration.ofSeconds(30), d -> d.findElement(By.cssSelector("dialog[open] #confirm-ok")));
        assertThat(driver.findElement(By.id("confirm-question")).getText()).isEqualTo(question);
        assertThat(ok.getText()).isEqualTo(button);
        ok.click();
    }

    private long newDraft(ChromeDriver driver, String note) {
        assertThat(driver.findElement(By.id("draft-note")).getAccessibleName()).isEqualTo("Note");
        driver.findElement(By.id("draft-note")).sendKeys(note, Keys.ENTER); // the keyboard sends the form
        waitFor(driver, Duration.ofSeconds(30), d -> d.findElement(By.id("draft-heading")).getText().endsWith(note) ? true : null);
        assertThat(focused(driver)).isEqualTo("draft-heading");
        String url = driver.getCurrentUrl();
        return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    }

    private WebElement openFile(ChromeDriver driver, String path) {
        new Select(driver.findElement(By.id("file-path"))).selectByValue(path);
        driver.findElement(By.id("open-file")).click();
        waitFor(driver, Duration.ofSeconds(30), d -> d.findElement(By.id("editor-heading")).getText().equals("Editing " + path) ? true : null);
        assertThat(focused(driver)).isEqualTo("editor-heading");
        return driver.findElement(By.id("file-text"));
    }

    /** Puts the text in the editor (a whole file is too long to type key by key) and saves it with the Save button. */
    private void save(ChromeDriver driver, WebElement area, String text) {
        driver.executeScript("arguments[0].value = arguments[1];", area, text);
        driver.findElement(By.id("save-file")).click();
        waitFor(driver, Duration.ofSeconds(30), d -> d.findElement(By.id("live")).getText().contains("is saved in draft") ? true : null);
    }

    // ---- the API ----

    private long publishedRelease() {
        JsonPath releases = admin.request().get(API + "/releases").then().statusCode(200).extract().jsonPath();
        return releases.getLong("published.release");
    }
}
