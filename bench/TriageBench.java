import org.symptomchecker.triage.RuleSet;
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
        RuleSet rules = RuleSetLoader.load(guardrails);
        Set<String> words = new HashSet<>();
        for (String l : Files.readAllLines(Path.of("src/main/resources/triage/common-english.txt"))) {
            if (!l.startsWith("#")) {
                words.add(l.strip());
            }
        }
        TriageEngine engine = new TriageEngine(words);
        List<String> shortMessages = List.of("my back hurts a lot", "cant feel my bum!!", "crushing chest pain",
                "what is sciatica?", "no fever, back ache", "my dad fell over", "hip hurts running", "i feel dizzy now");
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
        for (List<String> set : List.of(shortMessages, longMessages)) {
            run(engine, rules, set, 20_000); // warm-up
            double[] t = run(engine, rules, set, set == shortMessages ? 200_000 : 20_000);
            Arrays.sort(t);
            System.out.printf("%-6s messages (~%d chars): n=%d p50 %.3f ms  p99 %.3f ms  max %.3f ms%n",
                    set == shortMessages ? "short" : "long", set.get(0).length(), t.length,
                    t[t.length / 2], t[(int) (t.length * 0.99)], t[t.length - 1]);
        }
    }

    static double[] run(TriageEngine engine, RuleSet rules, List<String> messages, int n) {
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            List<TriageMessage> m = List.of(TriageMessage.user(messages.get(i % messages.size())));
            long t0 = System.nanoTime();
            engine.triage(rules, m, null, null);
            times[i] = (System.nanoTime() - t0) / 1e6;
        }
        return times;
    }
}
