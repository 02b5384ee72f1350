import org.symptomchecker.embedding.PassageEmbedder;
import org.symptomchecker.triage.BgeSentenceEncoder;
import org.symptomchecker.triage.ExemplarVectorCache;
import org.symptomchecker.triage.RuleSet;
import org.symptomchecker.triage.SentenceEncoder;
import org.symptomchecker.triage.RuleSetLoader;
import org.symptomchecker.triage.TriageEngine;
import org.symptomchecker.triage.TriageMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Triage time per message with the full rule set, for messages of about 20 and 2,000 characters.
 * Run after a build: see BENCHMARKS.md for the command.
 */
public class TriageBench {
    public static void main(String[] args) throws Exception {
        Path guardrails = Path.of(args.length > 0 ? args[0] : "guardrails");
        boolean net = !(args.length > 1 && args[1].equals("--no-net"));
        TriageEngine engine = TriageEngine.withEnglishWords();
        RuleSet rules;
        PassageEmbedder embedder = null;
        if (net) {
            embedder = new PassageEmbedder(2, 1);
            SentenceEncoder encoder = new BgeSentenceEncoder(embedder);
            rules = RuleSetLoader.load(guardrails, encoder, new ExemplarVectorCache(Path.of("target/bench-exemplar-cache"), encoder.modelId()));
            engine = engine.withEncoder(encoder).withWindowCache(0); // no window is ever answered from the cache
        } else {
            rules = RuleSetLoader.load(guardrails);
        }
        List<String> shortMessages = List.of(
                "my lower back has been hurting for two days since I lifted a heavy box at work",
                "I have crushing pain in my chest and it is spreading into my left arm now",
                "what are the warning signs of a stroke and when should I call an ambulance please",
                "no fever and no numbness just a stiff back after gardening all day yesterday afternoon",
                "my dad fell off a ladder this morning and now he says his back really hurts",
                "my hip hurts when I go running and it is worse going up the stairs at night",
                "I feel dizzy and sick since this morning and my vision has gone blurry in one eye",
                "my daughter has a rash and a temperature and she does not want to drink anything");
        // messages the lexicon does not read as an emergency, so the net runs for every one of them
        List<String> netMessages = List.of( // 20 words each
                "my lower back has been hurting for two days since I lifted a heavy box at work on Monday morning",
                "what are the warning signs of a stroke and when should I call an ambulance for my mum or dad please",
                "no fever and no numbness just a stiff back after gardening all day yesterday afternoon in the hot sun today",
                "my hip hurts when I go running and it is worse going up the stairs at night after work too",
                "I have had a sore throat and a runny nose since the weekend and feel tired all the time now",
                "my son keeps scratching a red itchy patch on his arm after playing in the garden with the dog today",
                "I feel really low lately and I am not sleeping well since I lost my job at the factory last month",
                "my knee clicks when I squat at the gym but there is no swelling at all and it's fine now");
        String story = "I've had lower back pain on and off for years, mostly after gardening or lifting the kids. "
                + "Last week it got worse after I moved a sofa, and the pain now goes down the back of my left leg to the knee. "
                + "I tried stretches and a hot water bottle, which helped a little. I don't have a fever and I haven't had any falls. ";
        List<String> longMessages = new ArrayList<>();
        for (String flag : List.of("Today I noticed I can't feel my bum when I wipe.", "No numbness anywhere.", "My arm went weak this morning.", "I sleep badly.")) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 1900) {
                sb.append(story);
            }
            sb.insert(sb.length() / 2, " " + flag + " ");
            longMessages.add(sb.substring(0, 2000));
        }
        int shortRuns = net ? 4_000 : 200_000;
        int longRuns = net ? 400 : 20_000;
        for (List<String> set : List.of(shortMessages, netMessages, longMessages)) {
            boolean isShort = set != longMessages;
            run(engine, rules, set, isShort ? shortRuns / 4 : longRuns / 4, 0); // warm-up
            double[] t = run(engine, rules, set, isShort ? shortRuns : longRuns, 1_000_000);
            Arrays.sort(t);
            System.out.printf("%-6s messages (~%d chars, %s): n=%d p50 %.3f ms  p99 %.3f ms  max %.3f ms%n",
                    set == shortMessages ? "short" : set == netMessages ? "20 words, none an emergency," : "long", set.get(0).length(), net ? "net on, every message new to it" : "lexicon only",
                    t.length, t[t.length / 2], t[(int) (t.length * 0.99)], t[t.length - 1]);
        }
        if (embedder != null) {
            embedder.close();
        }
    }

    /** Each message gets a number of its own, so the net's window cache never answers for it. */
    static double[] run(TriageEngine engine, RuleSet rules, List<String> messages, int n, int offset) {
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            // a number inside every sentence and before every comma: no window of it was seen before, none is cached
            String text = messages.get(i % messages.size()).replace(",", " " + (offset + i) + ",").replace(".", " " + (offset + i) + ".")
                    + " " + (offset + i);
            List<TriageMessage> m = List.of(TriageMessage.user(text));
            long t0 = System.nanoTime();
            engine.triage(rules, m, null, null);
            times[i] = (System.nanoTime() - t0) / 1e6;
        }
        return times;
    }
}
