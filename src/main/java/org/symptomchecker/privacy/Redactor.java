package org.symptomchecker.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes out what names a person before any text leaves for a language model: e-mail addresses, dates (a date of
 * birth, or any other full date), street addresses and postcodes, phone numbers, and names a person gives
 * ("I'm John Smith", "my name is ...", "Mr Jones"). Each becomes a placeholder: {@code [email]}, {@code [date]},
 * {@code [address]}, {@code [phone]}, {@code [name]}. Errs on the side of taking out too much.
 */
public final class Redactor {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final String MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
    private static final Pattern DATE = Pattern.compile(
            "\\b\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4}\\b"
                    + "|\\b\\d{1,2}(st|nd|rd|th)?\\s+(of\\s+)?" + MONTH + ",?\\s+\\d{2,4}\\b"
                    + "|\\b" + MONTH + "\\s+\\d{1,2}(st|nd|rd|th)?,?\\s+\\d{2,4}\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ADDRESS = Pattern.compile(
            "\\b\\d{1,5}[a-z]?,?\\s+([a-z]+\\s+){0,3}(street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|way|court|ct|place|pl"
                    + "|crescent|terrace|boulevard|blvd|gardens|grove|hill|square|sq|row|mews|parade|walk)\\b\\.?"
                    + "|\\b[a-z]{1,2}\\d[a-z\\d]?\\s*\\d[a-z]{2}\\b", // a UK postcode
            Pattern.CASE_INSENSITIVE);
    /** Seven digits or more, with spaces, dots, dashes or brackets between them, maybe after a +. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w\\]])\\+?\\(?\\d[\\d\\s().-]{5,}\\d(?![\\w\\[])");
    private static final String CAPITALISED = "\\p{Lu}[\\p{L}'-]+";
    /** A name given after a cue that introduces one; lower-case names only after "my name is". */
    private static final Pattern NAME = Pattern.compile(
            "(?i:\\b(?:i'?m|i\\s+am|this\\s+is|call\\s+me|it's|signed|regards,?|thanks,?|from)\\s+)(" + CAPITALISED + "(?:\\s+" + CAPITALISED + "){0,2})"
                    + "|(?i:\\bmy\\s+name\\s+is\\s+|\\bname'?s\\s+)([\\p{L}'-]+(?:\\s+" + CAPITALISED + "){0,2})"
                    + "|\\b(?:Mr|Mrs|Ms|Miss|Dr|Mx)\\.?\\s+(" + CAPITALISED + "(?:\\s+" + CAPITALISED + ")?)");

    private Redactor() {
    }

    /** The text with every name, phone number, e-mail address, street address and date replaced by a placeholder. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = EMAIL.matcher(text).replaceAll("[email]");
        out = DATE.matcher(out).replaceAll("[date]");
        out = ADDRESS.matcher(out).replaceAll("[address]");
        out = replacePhones(out);
        out = replaceNames(out);
        return out;
    }

    private static String replacePhones(String text) {
        Matcher m = PHONE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = m.group();
            long digits = found.chars().filter(Character::isDigit).count();
            m.appendReplacement(out, digits >= 7 ? "[phone]" : Matcher.quoteReplacement(found));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String replaceNames(String text) {
        Matcher m = NAME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int group = m.group(1) != null ? 1 : m.group(2) != null ? 2 : 3;
            String whole = m.group();
            int start = m.start(group) - m.start();
            String kept = whole.substring(0, start) + "[name]" + whole.substring(m.end(group) - m.start());
            m.appendReplacement(out, Matcher.quoteReplacement(kept));
        }
        m.appendTail(out);
        return out.toString();
    }
}
