package org.symptomchecker.channels.twilio;

import org.junit.jupiter.api.Test;
import org.symptomchecker.answer.ChatReply;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a chat reply is laid out as text messages. */
class TwimlReplyTest {

    @Test
    void aLongReplyIsSplitIntoNumberedPartsOfAtMost1600Characters() {
        String text = "word ".repeat(700).strip();
        List<String> parts = TwimlReply.split(text, TwimlReply.MESSAGE_LIMIT);
        assertThat(parts).hasSize(3);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(1600));
        assertThat(parts.get(0)).startsWith("(1/3) word");
        assertThat(parts.get(2)).startsWith("(3/3) ");
        assertThat(String.join(" ", parts).replaceAll("\\(\\d/3\\) ", "")).isEqualTo(text);
        assertThat(TwimlReply.document(parts)).contains("<Message>(2/3) ");
    }

    @Test
    void optionsBecomeAMenuAndCitationsSourceLines() {
        ChatReply reply = new ChatReply("c1", "Rest & keep moving <gently>.", null,
                List.of(new ChatReply.Citation("d", "p", "Back pain", "https://example.org/back", "s"),
                        new ChatReply.Citation("d", "p2", "Back pain", "https://example.org/back", "s2")),
                List.of(new ChatReply.FollowUp("Is it worse at night?", List.of("Yes", "No"))), null, null);
        TwimlReply twiml = TwimlReply.of(reply);
        assertThat(twiml.menu()).containsExactly("Yes", "No");
        assertThat(twiml.messages()).containsExactly("Rest & keep moving <gently>.\n\nIs it worse at night?\n"
                + "Reply 1 for Yes, 2 for No\nSource: Back pain, https://example.org/back");
        assertThat(twiml.twiml()).contains("Rest &amp; keep moving &lt;gently&gt;.").startsWith("<?xml");
    }
}
