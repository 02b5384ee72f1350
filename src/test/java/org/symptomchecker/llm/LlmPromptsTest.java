package org.symptomchecker.llm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmPromptsTest {

    @TempDir
    Path dir;

    private void write(String name, String text, long second) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        Files.setLastModifiedTime(f, FileTime.from(Instant.ofEpochSecond(second)));
    }

    @Test
    void anEditedPromptIsReadAgainAndChangesTheHash() throws Exception {
        write("system.txt", "Use only the passages.", 1000);
        write("answer.txt", "Q: {{question}}\n{{passages}}", 1000);
        write("reprompt.txt", "Not used: {{reason}}.", 1000);
        LlmPrompts prompts = new LlmPrompts(dir);

        LlmPrompts.Prompts first = prompts.current();
        assertThat(first.hash()).matches("[0-9a-f]{12}");
        assertThat(first.render("why?", "[1] T\ntext")).isEqualTo("Q: why?\n[1] T\ntext");
        assertThat(first.reprompt("sentence 1 cites no passage")).isEqualTo("Not used: sentence 1 cites no passage.");
        assertThat(prompts.current()).isSameAs(first); // unchanged files are not read again

        write("system.txt", "Use only the numbered passages.", 2000);
        LlmPrompts.Prompts second = prompts.current();
        assertThat(second.system()).isEqualTo("Use only the numbered passages.");
        assertThat(second.hash()).isNotEqualTo(first.hash());
    }

    @Test
    void anAnswerPromptWithoutItsVariablesIsRefused() throws Exception {
        write("system.txt", "Use only the passages.", 1000);
        write("answer.txt", "Q: {{question}}", 1000);
        write("reprompt.txt", "Again.", 1000);
        assertThatThrownBy(() -> new LlmPrompts(dir).current()).hasMessageContaining("{{passages}}");
    }
}
