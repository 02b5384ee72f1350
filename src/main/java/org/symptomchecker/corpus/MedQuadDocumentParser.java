package org.symptomchecker.corpus;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads one MedQuAD XML file: each question-answer pair with an answer becomes a document with id
 * {source}_{documentId}_Sec{pid}, the question as title and the file's url.
 */
final class MedQuadDocumentParser {

    private final DocumentStatus status;

    MedQuadDocumentParser(DocumentStatus status) {
        this.status = status;
    }

    ParseResult parse(String file, String content) {
        org.w3c.dom.Document xml;
        try {
            xml = builder().parse(new InputSource(new StringReader(content)));
        } catch (Exception e) {
            return ParseResult.unreadable(new Rejection(file, 1, "not well-formed XML"));
        }
        Element root = xml.getDocumentElement();
        if (root == null || !"Document".equals(root.getTagName())) {
            return ParseResult.unreadable(new Rejection(file, 1, "not a MedQuAD file: the root element is not <Document>"));
        }
        String docId = root.getAttribute("id").strip();
        String source = root.getAttribute("source").strip();
        String url = root.getAttribute("url").strip();
        if (docId.isEmpty() || source.isEmpty()) {
            return ParseResult.unreadable(new Rejection(file, 1, "<Document> lacks its id or source attribute"));
        }
        List<ParsedDocument> docs = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        NodeList pairs = root.getElementsByTagName("QAPair");
        for (int i = 0; i < pairs.getLength(); i++) {
            Element pair = (Element) pairs.item(i);
            String pid = pair.getAttribute("pid").strip();
            String question = childText(pair, "Question");
            String answer = childText(pair, "Answer");
            if (answer.isEmpty()) {
                continue; // MedQuAD removed some answers for copyright: such a pair is no document
            }
            String id = source + "_" + docId + "_Sec" + pid;
            if (pid.isEmpty() || question.isEmpty() || !DocumentIds.isValid(id)) {
                rejections.add(new Rejection(file, 1, "QA pair " + (i + 1) + " lacks its pid or question"));
                continue;
            }
            docs.add(new ParsedDocument(id, question, answer, url.isEmpty() ? null : url, QuestionTitles.MEDQUAD_SOURCE + source,
                    status, null, null, List.of(), 1));
        }
        return new ParseResult(docs, rejections, true);
    }

    private static String childText(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        if (nodes.getLength() == 0) {
            return "";
        }
        // MedQuAD indents its answers: keep the line breaks, drop the indentation
        return nodes.item(0).getTextContent().lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .collect(Collectors.joining("\n"));
    }

    private static DocumentBuilder builder() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }
}
