package org.symptomchecker.corpus;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PassageSplitterTest {

    @Test
    void passagesEndOnSentenceBoundariesAndKeepTheirOffsets() {
        String body = "## Causes\nOne two three four five. Six seven eight nine ten.\nEleven twelve thirteen.\n\n## Care\nRest helps a lot.";
        List<PassageSplitter.Chunk> chunks = new PassageSplitter(8).split(body);

        assertThat(chunks).extracting(PassageSplitter.Chunk::text).containsExactly(
                "One two three four five.", "Six seven eight nine ten.\nEleven twelve thirteen.", "Rest helps a lot.");
        for (PassageSplitter.Chunk c : chunks) {
            assertThat(body.substring(c.start(), c.end())).isEqualTo(c.text());
        }
    }

    @Test
    void aHeadingStartsANewPassage() {
        List<PassageSplitter.Chunk> chunks = new PassageSplitter(100).split("First part here.\n## Next\nSecond part here.");
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1).text()).isEqualTo("Second part here.");
    }

    @Test
    void markdownWithoutStatusIsRejectedWithItsLine() {
        ParseResult r = new MarkdownDocumentParser().parse("x.md", "---\nid: a\ntitle: A\n---\nBody.");
        assertThat(r.documents()).isEmpty();
        assertThat(r.rejections()).singleElement().satisfies(j -> {
            assertThat(j.line()).isEqualTo(1);
            assertThat(j.reason()).contains("status");
        });
    }

    @Test
    void jsonLinesWithoutStatusIsADraft() {
        ParseResult r = new JsonLinesDocumentParser().parse("x.jsonl", "{\"id\":\"a\",\"title\":\"T\",\"text\":\"Body.\"}\n");
        assertThat(r.documents()).singleElement().extracting(ParsedDocument::status).isEqualTo(DocumentStatus.DRAFT);
    }
}
