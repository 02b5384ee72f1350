package org.symptomchecker.retrieval;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * English analysis (possessives, lower case, stop words, Porter stems). The query side also maps the
 * words people type to the words vetted content uses, from {@code retrieval/lay-synonyms.txt}.
 */
public final class ClinicalAnalyzer extends Analyzer {

    private final SynonymMap synonyms;

    private ClinicalAnalyzer(SynonymMap synonyms) {
        this.synonyms = synonyms;
    }

    /** For indexing passages: no synonyms, so documents keep their own words. */
    public static ClinicalAnalyzer forIndex() {
        return new ClinicalAnalyzer(null);
    }

    /** For queries: lay words expanded to their clinical counterparts. */
    public static ClinicalAnalyzer forQueries() {
        return new ClinicalAnalyzer(loadSynonyms());
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(source);
        stream = new LowerCaseFilter(stream);
        if (synonyms != null) {
            stream = new SynonymGraphFilter(stream, synonyms, true);
        }
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    /** The distinct terms a text analyses to (for a query, its synonyms included). */
    public Set<String> terms(String field, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /**
     * The query's words, each with its synonyms: terms at one position form a group, so "hurts" and
     * "pain" count as one thing asked about, not two.
     */
    public List<Set<String>> termGroups(String field, String text) {
        List<Set<String>> groups = new ArrayList<>();
        try (TokenStream ts = tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (inc.getPositionIncrement() > 0 || groups.isEmpty()) {
                    groups.add(new LinkedHashSet<>());
                }
                groups.get(groups.size() - 1).add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return groups;
    }

    private static SynonymMap loadSynonyms() {
        // the rules are read with tokenizer and lower case only, so multi-word rules keep every word
        Analyzer ruleAnalyzer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new LowerCaseFilter(source));
            }
        };
        try (InputStream in = ClinicalAnalyzer.class.getResourceAsStream("/retrieval/lay-synonyms.txt")) {
            if (in == null) {
                throw new IllegalStateException("retrieval/lay-synonyms.txt is missing from the classpath");
            }
            SolrSynonymParser parser = new SolrSynonymParser(true, true, ruleAnalyzer);
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                parser.parse(reader);
            }
            return parser.build();
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("retrieval/lay-synonyms.txt cannot be read", e);
        }
    }
}
