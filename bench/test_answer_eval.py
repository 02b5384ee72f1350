"""Unit tests of bench/answer_eval.py's reading of a reply (no service needed)."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import answer_eval  # noqa: E402


class AnswerEvalTest(unittest.TestCase):
    LEAD = "Here is what our vetted health information says:"
    END = "This is general information, not a diagnosis."

    def test_the_body_is_the_reply_without_lead_in_disclaimer_and_citation_marks(self):
        reply = f"{self.LEAD}\n\nGout:\nGout is arthritis. It flares. [1]\n\n{self.END}"
        self.assertEqual(answer_eval.body_of(reply, self.LEAD, self.END), "Gout: Gout is arthritis. It flares.")

    def test_the_first_sentence_keeps_a_title_before_it(self):
        self.assertEqual(answer_eval.first_sentence("Gout: Gout is arthritis. It flares."), "Gout: Gout is arthritis.")

    def test_a_reply_saying_the_type_is_missing_matches_the_template_with_any_placeholder_text(self):
        template = "I don't have vetted information on {{what}} for {{topic}}. Here is what I do have:"
        pattern = re.compile(".+?".join(re.escape(p) for p in re.split(r"\{\{\w+\}\}", template)))
        self.assertTrue(answer_eval.says_missing("I don't have vetted information on treatment for Gout. Here is what I do have:", pattern))
        self.assertFalse(answer_eval.says_missing("Sorry, I don't have vetted information on that, so I can't answer it.", pattern))


if __name__ == "__main__":
    unittest.main()
