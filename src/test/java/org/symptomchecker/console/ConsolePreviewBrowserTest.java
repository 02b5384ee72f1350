package org.symptomchecker.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.symptomchecker.content.ReleasesProfile;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's preview, golden conversations and the evaluation's conversation sections in headless Chromium: an
 * editor's draft with new emergency wording runs a two-turn saddle numbness conversation beside the published release
 * (both EMERGENCY by the same rule, the wording only on the draft's side, the turn marked as differing), adds a golden
 * conversation the new wording breaks, runs it from the list, sees it regressed and first in the evaluation report
 * with the answer set's totals, and removes it after a confirmation. Saves docs/console-preview.png (the two columns).
 * Skipped, with a message, when no browser is installed.
 */
@QuarkusTest
@TestProfile(ReleasesProfile.class)
class ConsolePreviewBrowserTest {

    private static final String API = "/api/v1/admin/content";
    private static final String EMERGENCY = "guardrails/responses/emergency.txt";
    /** The sentence the draft adds to the fixed emergency reply. */
    private static final String ADDED = "Keep your phone switched on so the ambulance crew can call you back.";
    private static final String FIRST = "my lower back has been sore for a week";
    private static final String SECOND = "today i cant feel anything when i wipe after the toilet";
    private static final String GOLDEN = "saddle-numbness-uk-wording";
    /** A preview's first run reads both rule sets (a minute or two on a busy machine). */
    private static final Duration SLOW = Duration.ofSeconds(300);
    /** An evaluation runs every triage case, golden conversation and answer-set question: 4 minutes seen on two busy cores. */
    private static final Duration GATE = Duration.ofSeconds(600);

    @TestHTTPResource("/")
    URL root;

    final ConsoleBrowsers browsers = new ConsoleBrowsers();
    ChromeDriver browser;
    ConsoleSession editor;
    String editorPassword;
    long draft;

    @BeforeEach
    void setUp() {
        ConsoleBrowsers.assumeInstalled();
        String name = ConsoleSession.uniqueName("editor");
        editorPassword = ConsoleSession.admin().createUser(name, "editor");
        editor = ConsoleSession.login(name, editorPassword);
    }

    @AfterEach
    void tearDown() {
        browsers.quitAll();
        if (draft > 0) {
            editor.withCsrf().post(API + "/drafts/" + draft + "/discard").then().statusCode(200);
        }
    }

    @Test
    void aDraftsNewEmergencyWordingIsPreviewedKeptAsAGoldenConversationAndEvaluated() throws IOException {
        draft = editor.post(API + "/drafts", java.util.Map.of("note", "emergency reply: phone on")).then().statusCode(201)
                .extract().jsonPath().getLong("draft.id");
        String wording = editor.request().get(API + "/drafts/" + draft + "/files/" + EMERGENCY).then().statusCode(200).extract().asString();
        String changed = wording.replace("tell the call handler straight away.", "tell the call handler straight away. " + ADDED);
        assertThat(changed).isNotEqualTo(wording);
        editor.withCsrf().contentType(ContentType.TEXT).body(changed).put(API + "/drafts/" + draft + "/files/" + EMERGENCY)
                .then().statusCode(200);

        // the draft page leads to the preview
        WebDriver b = signIn();
        b.get(root + "console#/drafts/" + draft);
        ConsoleBrowsers.waitFor(b, ConsoleBrowsers.PAGE, d -> d.findElement(By.id("draft-heading")).getText().contains("phone on") ? true : null);
        b.findElement(By.id("preview-link")).click();
        ConsoleBrowsers.waitFor(b, ConsoleBrowsers.PAGE, d -> d.findElement(By.id("preview-form")));
        assertThat(ConsoleBrowsers.focused(b)).isEqualTo("preview-heading");
        WebElement messages = b.findElement(By.id("preview-messages"));
        assertThat(messages.getAccessibleName()).isEqualTo("Messages, one per line (each line is one turn)");
        messages.sendKeys(FIRST + "\n" + SECOND);
        new Select(b.findElement(By.id("preview-region"))).selectByValue("UK");
        b.findElement(By.id("run-preview")).click();
        WebElement result = ConsoleBrowsers.waitFor(b, SLOW, d -> d.findElement(By.id("preview-result")));
        assertThat(ConsoleBrowsers.focused(b)).isEqualTo("preview-result-heading");
        assertThat(b.findElement(By.id("preview-result-heading")).getText()).isEqualTo("Preview: 1 of 2 turn(s) differ");
        ConsoleBrowsers.waitFor(b, ConsoleBrowsers.PAGE, d -> d.findElement(By.id("live")).getText().equals("Preview ready: 1 of 2 turns differ.") ? true : null);

        // both sides: two turns, the second EMERGENCY by the saddle numbness rule, 999 for the UK
        assertThat(b.findElement(By.id("preview-published-heading")).getText()).matches("Published release \\d+");
        assertThat(b.findElement(By.id("preview-draft-heading")).getText()).isEqualTo("This draft");
        for (String side : List.of("preview-published", "preview-draft")) {
            List<WebElement> turns = b.findElements(By.cssSelector("#" + side + " li.turn"));
            assertThat(turns).as(side).hasSize(2);
            assertThat(turns.get(0).findElement(By.cssSelector(".turn-message")).getText()).isEqualTo(FIRST);
            assertThat(turns.get(1).findElement(By.cssSelector(".turn-message")).getText()).isEqualTo(SECOND);
            assertThat(turns.get(1).findElement(By.cssSelector(".level")).getText()).as(side).isEqualTo("EMERGENCY");
            assertThat(turns.get(1).findElement(By.cssSelector(".turn-rules")).getText()).as(side).contains("cauda-equina-saddle-numbness");
            assertThat(turns.get(1).findElement(By.cssSelector(".turn-reply")).getText()).as(side).contains("999");
            assertThat(turns.get(0).findElements(By.cssSelector(".differs-note"))).as(side + ": the first turn is the same").isEmpty();
        }
        WebElement published = b.findElement(By.cssSelector("#preview-published li.turn[data-turn='1']"));
        WebElement drafted = b.findElement(By.cssSelector("#preview-draft li.turn[data-turn='1']"));
        assertThat(published.findElement(By.cssSelector(".turn-reply")).getText()).doesNotContain(ADDED);
        assertThat(drafted.findElement(By.cssSelector(".turn-reply")).getText()).contains(ADDED);
        assertThat(drafted.findElement(By.cssSelector(".differs-note")).getText()).isEqualTo("Differs from the published release");
        assertThat(published.findElement(By.cssSelector(".differs-note")).getText()).isEqualTo("The draft differs here");
        assertThat(result.getText()).contains("Turn(s) 2 differ");
        ((ChromeDriver) b).executeScript("document.getElementById('preview-result-heading').scrollIntoView()");
        ConsoleBrowsers.screenshot(b, "docs/console-preview.png");
        WebElement left = b.findElement(By.id("preview-published"));
        WebElement right = b.findElement(By.id("preview-draft"));
        assertThat(right.getRect().getY()).as("side by side").isEqualTo(left.getRect().getY());
        b.manage().window().setSize(new Dimension(600, 1000));
        ConsoleBrowsers.waitFor(b, ConsoleBrowsers.PAGE, d -> right.getRect().getY() >= left.getRect().getY() + left.getRect().getHeight() ? true : null);
        b.manage().window().setSize(new Dimension(1280, 1000));

        // a golden conversation that the new wording breaks: no reply may speak of the ambulance crew
        b.findElement(By.linkText("Golden conversations of this draft")).click();
        ConsoleBrowsers.waitFor(b, ConsoleBrowsers.PAGE, d -> d.findElement(By.id("golden-form")));
        assertThat(b.findElement(By.id("golden-list")).getText()).contains("chest-pain-sms-uk", "saddle-numbness-later-turn");
        b.findElement(By.id("golden-id")).sendKeys(GOLDEN);
        b.findElement(By.id("golden-messages")).sendKeys(FIRST + "\n" + SECOND);
        new Select(b.findElement(By.id("golden-level"))).selectByValue("EMERGENCY");
        new Select(b.findElement(By.id("golden-region"))).selectByValue("UK");
        b.findElement(By.id("golden-must")).sendKeys("999");
        b.findElement(By.id("golden-must-not")).sendKeys("ambulance crew");
        b.findElement(By.id("golden-note")).sendKeys("Saddle numbness in a later turn, UK: 999 and no promise of a call back.");
        assertThat(b.findElement(By.id("golden-must-not")).getAccessibleName()).isEqualTo("No reply may hold (one phrase per line)");
        b.findElement(By.id("save-golden")).click();
        WebElement kept = ConsoleBrowsers.waitFor(b, ConsoleBrowsers.PAGE, d -> d.findElement(By.cssSelector("#golden-list li[data-golden='" + GOLDEN + "']")));
        ConsoleBrowsers.waitFor(b, ConsoleBrowsers.PAGE, d -> d.findElement(By.id("live")).getText().contains("is saved in draft " + draft) ? true : null);
        assertThat(kept.getText()).contains("EMERGENCY", FIRST, SECOND, "“999”", "“ambulance crew”", "region UK", editor.username());
        assertThat(b.switchTo().activeElement().getText()).isEqualTo(GOLDEN);
        assertThat(editor.request().get(API + "/drafts/" + draft + "/golden").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.id == '" + GOLDEN + "' }.must_not", List.class)).containsExactly(List.of("ambulance crew"));

        // "Change" fills the form with it, its id fixed; "Cancel" leaves it as it is
        kept.findElement(By.cssSelector("button[aria-label='Change " + GOLDEN + "']")).click();
        assertThat(ConsoleBrowsers.focused(b)).isEqualTo("golden-form-heading");
        assertThat(b.findElement(By.id("golden-id")).getDomProperty("readOnly")).isEqualTo("true");
        assertThat(b.findElement(By.id("golden-messages")).getDomProperty("value")).isEqualTo(FIRST + "\n" + SECOND);
        assertThat(b.findElement(By.id("golden-must-not")).getDomProperty("value")).isEqualTo("ambulance crew");
        b.findElement(By.xpath("//form[@id='golden-form']//button[.='Cancel']")).click();
        assertThat(b.findElement(By.id("golden-form-heading")).getText()).isEqualTo("Add a golden conversation");

        // run from the list: the preview opens with it and runs it
        WebElement run = kept.findElement(By.cssSelector("a[href$='/preview?golden=" + GOLDEN + "']"));
        assertThat(run.getAccessibleName()).isEqualTo("Run in preview " + GOLDEN);
        run.click();
        ConsoleBrowsers.waitFor(b, SLOW, d -> d.findElement(By.id("live")).getText().startsWith("Preview ready: 1 of 2") ? true : null);
        assertThat(new Select(b.findElement(By.id("preview-golden"))).getFirstSelectedOption().getAttribute("value")).isEqualTo(GOLDEN);
        assertThat(b.findElement(By.cssSelector("#preview-draft li.turn[data-turn='1'] .turn-reply")).getText()).contains(ADDED);

        // the evaluation: the golden conversation regressed and listed first, the answer set's totals
        b.findElement(By.linkText("Back to draft " + draft)).click();
        ConsoleBrowsers.waitFor(b, ConsoleBrowsers.PAGE, d -> d.findElement(By.id("run-evaluation"))).click();
        WebElement report = ConsoleBrowsers.waitFor(b, GATE, d -> d.findElement(By.id("evaluation")));
        assertThat(b.findElement(By.id("evaluation-verdict")).getText()).startsWith("Refused");
        assertThat(report.getText()).contains("golden conversation(s) that pass under the published release fail under this content");
        List<WebElement> rows = b.findElements(By.cssSelector("#evaluation-golden tbody tr"));
        assertThat(rows.get(0).getAttribute("data-golden")).isEqualTo(GOLDEN);
        assertThat(rows.get(0).getAttribute("class")).contains("regressed");
        List<WebElement> cells = rows.get(0).findElements(By.cssSelector("th, td"));
        assertThat(cells.get(0).getText()).startsWith("Regressed: " + GOLDEN);
        assertThat(cells.get(1).getText()).isEqualTo("EMERGENCY");
        assertThat(cells.get(2).getText()).isEqualTo("EMERGENCY, passes");
        assertThat(cells.get(3).getText()).isEqualTo("EMERGENCY, fails");
        assertThat(cells.get(4).getText()).contains("This draft: reply 2 holds \"ambulance crew\"");
        assertThat(rows.stream().skip(1).map(r -> r.getAttribute("class"))).noneMatch(c -> c.contains("regressed"));
        assertThat(b.findElement(By.id("evaluation-golden")).getText()).contains("chest-pain-sms-uk", "1 regressed");
        WebElement answers = b.findElement(By.id("evaluation-answers"));
        String questions = answers.findElement(By.cssSelector("table.answer-totals caption")).getText();
        assertThat(Integer.parseInt(questions.replaceAll("\\D", ""))).isGreaterThanOrEqualTo(70);
        assertThat(answers.getText()).contains("Answers holding a required sentence", "Answers citing the right document first",
                "No question's result changed.");
        List<WebElement> totals = answers.findElements(By.cssSelector("table.answer-totals tbody tr"));
        for (WebElement row : totals) {
            List<WebElement> td = row.findElements(By.tagName("td"));
            assertThat(td.get(1).getText()).as("the wording changes no answer").isEqualTo(td.get(0).getText());
        }

        // removed after a confirmation; "No" keeps it
        b.findElement(By.id("golden-link")).click();
        WebElement item = ConsoleBrowsers.waitFor(b, ConsoleBrowsers.PAGE, d -> d.findElement(By.cssSelector("#golden-list li[data-golden='" + GOLDEN + "']")));
        item.findElement(By.cssSelector("button[aria-label='Remove " + GOLDEN + "']")).click();
        assertThat(ConsoleBrowsers.focused(b)).isEqualTo("confirm-remove");
        b.findElement(By.id("confirm-remove-no")).click();
        assertThat(b.findElements(By.cssSelector("#golden-list li[data-golden='" + GOLDEN + "']"))).hasSize(1);
        item.findElement(By.cssSelector("button[aria-label='Remove " + GOLDEN + "']")).click();
        b.findElement(By.id("confirm-remove-yes")).click();
        ConsoleBrowsers.waitFor(b, ConsoleBrowsers.PAGE, d -> d.findElement(By.id("live")).getText().contains(GOLDEN + " is removed") ? true : null);
        assertThat(b.findElement(By.id("golden-list")).getText()).doesNotContain(GOLDEN).contains("chest-pain-sms-uk");
        assertThat(ConsoleBrowsers.focused(b)).isEqualTo("golden-list-heading");

        ConsoleBrowsers.assertNoCspViolation(browser);
    }

    /** A headless browser, 1280 pixels wide, signed in as the editor through the login page. */
    private WebDriver signIn() {
        browser = browsers.signIn(root, editor.username(), editorPassword);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        return browser;
    }

}
