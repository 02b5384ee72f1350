package org.symptomchecker.triage;

import com.ibm.icu.text.SpoofChecker;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes the disguises that hide words from the matcher, before a message is cut into words: format
 * characters, soft hyphens and NULs inside words; look-alike letters from other scripts (Unicode
 * confusables, through ICU's spoof checker); spaced or dotted single letters ("c h e s t", "p.a.i.n");
 * and, word by word, leetspeak ("k1ll mys3lf") and words run together ("cantfeelmylegs").
 */
final class TextFolding {

    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();
    private static final Map<Integer, String> LOOKALIKES = new ConcurrentHashMap<>();
    /** Three or more single letters, each followed by one space, dot, hyphen, underscore or star. */
    private static final Pattern SPACED = Pattern.compile("(?<![\\p{L}\\p{N}])\\p{L}(?:[ .\\-_*]\\p{L}){2,}(?![\\p{L}\\p{N}])");
    private static final Pattern SEPARATORS = Pattern.compile("[ .\\-_*]");
    /** Number-and-unit words that are not leetspeak: 38c, 10am, 5mg, 3rd, 2wks. */
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("\\d+(\\.\\d+)?(st|nd|rd|th|am|pm|mg|mcg|ml|kg|g|lb|lbs|c|f|x|h|hr|hrs|min|mins|s|yo|yr|yrs|wk|wks|day|days|km|kms|mm|cm|m)?");
    private static final Set<Integer> LEET = Set.of((int) '0', (int) '1', (int) '3', (int) '4', (int) '5', (int) '7', (int) '@', (int) '$', (int) '!', (int) '|');
    /** A possessive or "is" after a noun ("my tongue's swelling"): the noun is read alone. */
    private static final Pattern APOSTROPHE_S = Pattern.compile("(\\p{L}{2,})['\u2019]s(?![\\p{L}\\p{N}])");
    /** Words whose 's is part of the word as the lexicon writes it ("its", "hes", "whats"). */
    private static final Set<String> KEEPS_S = Set.of("it", "he", "she", "that", "what", "there", "here", "who",
            "where", "how", "let", "when", "why", "this");
    private static final int LONGEST_SPLIT = 40;
    private static final int MOST_PIECES = 6;

    private TextFolding() {
    }

    /** The characters-level folding: invisible characters out, look-alikes to Latin, spaced letters joined. */
    static String fold(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        StringBuilder folded = new StringBuilder(raw.length());
        raw.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.FORMAT || cp == 0 || (type == Character.CONTROL && cp != '\n' && cp != '\r' && cp != '\t')) {
                return; // zero-width joiners and spaces, soft hyphens, direction marks, NULs
            }
            if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN) {
                String latin = LOOKALIKES.computeIfAbsent(cp, TextFolding::latinLookalike);
                if (!latin.isEmpty()) {
                    folded.append(latin);
                    return;
                }
            }
            folded.appendCodePoint(cp);
        });
        StringBuilder sb = folded;
        Matcher possessive = APOSTROPHE_S.matcher(sb);
        if (possessive.find()) {
            StringBuilder out = new StringBuilder(sb.length());
            int last = 0;
            do {
                String noun = possessive.group(1);
                out.append(sb, last, possessive.start()).append(noun);
                if (KEEPS_S.contains(noun.toLowerCase(java.util.Locale.ROOT))) {
                    out.append('s');
                }
                last = possessive.end();
            } while (possessive.find());
            sb = out.append(sb, last, sb.length());
        }
        Matcher m = SPACED.matcher(sb);
        if (!m.find()) {
            return sb.toString();
        }
        StringBuilder out = new StringBuilder(sb.length());
        int last = 0;
        do {
            out.append(sb, last, m.start()).append(SEPARATORS.matcher(m.group()).replaceAll(""));
            last = m.end();
        } while (m.find());
        return out.append(sb, last, sb.length()).toString();
    }

    /** The Latin letter a letter of another script is confusable with ("а" Cyrillic → "a"), or "" when none. */
    private static String latinLookalike(int cp) {
        String skeleton = SPOOF.getSkeleton(new String(Character.toChars(cp)));
        if (skeleton.length() == 1 && skeleton.charAt(0) < 128 && Character.isLetter(skeleton.charAt(0))) {
            return Character.isUpperCase(cp) ? skeleton : skeleton.toLowerCase(java.util.Locale.ROOT);
        }
        return "";
    }

    /** A word with digits or symbols standing for letters, read as letters when that makes a word the reader knows. */
    static String unLeet(String word, Predicate<String> known) {
        if (NUMBER_WITH_UNIT.matcher(word).matches() || word.chars().filter(Character::isLetter).count() < 2) {
            return word; // a number, or a code such as l5 or s1
        }
        StringBuilder sb = new StringBuilder(word.length());
        boolean changed = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetter(c)) {
                sb.append(c);
                continue;
            }
            if (!LEET.contains((int) c)) {
                return word;
            }
            sb.append(switch (c) {
                case '0' -> 'o';
                case '1', '!' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> 'l';
            });
            changed = true;
        }
        String mapped = sb.toString();
        return changed && known.test(mapped) ? mapped : word;
    }

    /**
     * Words run together ("cantfeelmylegs") split into known words, fewest pieces first; null when the
     * word is not such a run (each piece an English word, at least one of them a lexicon word).
     */
    static String[] split(String word, Predicate<String> english, Predicate<String> lexicon) {
        int n = word.length();
        if (n < 6 || n > LONGEST_SPLIT) {
            return null;
        }
        int[] pieces = new int[n + 1];
        int[] from = new int[n + 1];
        boolean[] hasLexicon = new boolean[n + 1];
        java.util.Arrays.fill(pieces, Integer.MAX_VALUE);
        pieces[0] = 0;
        for (int end = 1; end <= n; end++) {
            for (int start = 0; start < end; start++) {
                if (pieces[start] == Integer.MAX_VALUE || pieces[start] + 1 > MOST_PIECES || start == 0 && end == n) {
                    continue; // the whole word is not one of its own pieces
                }
                String piece = word.substring(start, end);
                boolean single = piece.length() == 1;
                if (single && !piece.equals("i") && !piece.equals("a")) {
                    continue;
                }
                if (!english.test(piece) && !single) {
                    continue; // pieces are English words ("chestpain" is not one, though the lexicon lists it)
                }
                boolean inLexicon = !single && lexicon.test(piece);
                int count = pieces[start] + 1;
                boolean lex = hasLexicon[start] || inLexicon;
                if (count < pieces[end] || count == pieces[end] && lex && !hasLexicon[end]) {
                    pieces[end] = count;
                    from[end] = start;
                    hasLexicon[end] = lex;
                }
            }
        }
        if (pieces[n] == Integer.MAX_VALUE || pieces[n] < 2 || !hasLexicon[n]) {
            return null;
        }
        String[] out = new String[pieces[n]];
        for (int end = n, k = out.length - 1; end > 0; end = from[end], k--) {
            out[k] = word.substring(from[end], end);
        }
        return out;
    }
}
