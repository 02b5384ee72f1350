package org.symptomchecker.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @Test
    void everythingThatNamesThePersonBecomesAPlaceholder() {
        String redacted = Redactor.redact("I'm John Smith, call me on 07700 900123 or john@x.org, I live at 12 High Street, born 3/4/1961");
        assertThat(redacted).isEqualTo("I'm [name], call me on [phone] or [email], I live at [address], born [date]");
    }

    @Test
    void otherShapesOfNamesNumbersAndDates() {
        assertThat(Redactor.redact("my name is sarah and my number is +44 (0)20 7946 0958"))
                .isEqualTo("my name is [name] and my number is [phone]");
        assertThat(Redactor.redact("Dr. Patel said to ring 555-123-4567")).isEqualTo("Dr. [name] said to ring [phone]");
        assertThat(Redactor.redact("born on 3rd April 1961, post code SW1A 1AA")).isEqualTo("born on [date], post code [address]");
        assertThat(Redactor.redact("This is Mary Jones: I live at 221b Baker St.")).isEqualTo("This is [name]: I live at [address]");
        assertThat(Redactor.redact("born March 4, 1961")).isEqualTo("born [date]");
    }

    @Test
    void whatSaysNothingOfThePersonIsKept() {
        String text = "I'm 67 and my back has hurt for 3 days; I take 2 tablets a day. does a TENS machine help?";
        assertThat(Redactor.redact(text)).isEqualTo(text);
        assertThat(Redactor.redact("i'm worried about shingles")).isEqualTo("i'm worried about shingles");
    }
}
