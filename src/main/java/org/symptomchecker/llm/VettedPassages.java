package org.symptomchecker.llm;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.injector.ContentInjector;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.retrieval.HybridRetriever;
import org.symptomchecker.retrieval.RetrievedPassage;
import org.symptomchecker.retrieval.SearchMode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The AI service's retrieval: our hybrid retriever as a LangChain4j {@link ContentRetriever} (the approved passages
 * that best match the redacted question, as many as the extractive answerer reads, none under
 * {@code symptom.chat.min-similarity}), and a content injector that numbers them ([1], [2], ...) into
 * {@code prompts/llm/answer.txt}. The model sees nothing else but the system prompt.
 */
@ApplicationScoped
public class VettedPassages implements Supplier<RetrievalAugmentor>, ContentRetriever, ContentInjector {

    static final String DOCUMENT_ID = "documentId";
    static final String PASSAGE_ID = "passageId";
    static final String TITLE = "title";
    static final String URL = "url";

    private final HybridRetriever retriever;
    private final LlmPrompts prompts;
    private final int documents;
    private final double minSimilarity;

    public VettedPassages(HybridRetriever retriever, LlmPrompts prompts, SymptomConfig config) {
        this.retriever = retriever;
        this.prompts = prompts;
        this.documents = config.chat().answerDocuments();
        this.minSimilarity = config.chat().minSimilarity();
    }

    @Override
    public RetrievalAugmentor get() {
        return DefaultRetrievalAugmentor.builder().contentRetriever(this).contentInjector(this).build();
    }

    @Override
    public List<Content> retrieve(Query query) {
        List<Content> out = new ArrayList<>();
        for (RetrievedPassage p : retriever.search(query.text(), documents, SearchMode.HYBRID)) {
            if (p.similarity() < minSimilarity) {
                continue;
            }
            Metadata metadata = new Metadata()
                    .put(DOCUMENT_ID, p.documentId()).put(PASSAGE_ID, p.passageId()).put(TITLE, p.title());
            if (p.url() != null) {
                metadata.put(URL, p.url());
            }
            out.add(Content.from(TextSegment.from(p.text(), metadata)));
        }
        return out;
    }

    @Override
    public ChatMessage inject(List<Content> contents, ChatMessage message) {
        String question = message instanceof UserMessage u ? u.singleText() : String.valueOf(message);
        return UserMessage.from(prompts.inUse().render(question, numbered(contents)));
    }

    /** The passages as the model sees them: "[n] title", then the passage's text. */
    static String numbered(List<Content> contents) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < contents.size(); i++) {
            TextSegment s = contents.get(i).textSegment();
            out.append('[').append(i + 1).append("] ").append(s.metadata().getString(TITLE)).append('\n')
                    .append(s.text().strip()).append("\n\n");
        }
        return out.toString().strip();
    }
}
