#!/usr/bin/env python3
"""A day of traffic already stored, as SQL: N one-turn conversations (the person's message and the reply, as
ciphertext-sized random text under a random "wrapped" key, filed under the active master key id), each with its text-free triage record, spread over the
last 24 hours. The rows have the shape and sizes the service writes; their text is never read (no benchmark turn
continues them), so it is random. For H2 (run with org.h2.tools.RunScript while the service is stopped) and for
PostgreSQL (psql).

    python3 bench/seed_conversations.py --count 100000 > /tmp/seed.sql
    java -cp ~/.m2/repository/com/h2database/h2/<v>/h2-<v>.jar org.h2.tools.RunScript \\
         -url 'jdbc:h2:file:<data-dir>/symptom' -user sa -script /tmp/seed.sql
    psql -h 127.0.0.1 -U postgres -d test -c 'set search_path to <schema>' -f /tmp/seed.sql
"""
import argparse
import base64
import datetime
import os
import random
import sys

LEVELS = [("NONE", 0.55), ("SELF_CARE", 0.2), ("ROUTINE", 0.15), ("URGENT", 0.07), ("EMERGENCY", 0.03)]
CHANNELS = ["web", "web", "web", "sms", "whatsapp", "slack"]


def b64(n):
    return base64.b64encode(os.urandom(n)).decode()


def urlid():
    return base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("=")


def level(r):
    x = r.random()
    for name, p in LEVELS:
        x -= p
        if x <= 0:
            return name
    return "NONE"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--key-id", default="k0", help="the service's active master key id (select key_id from master_key_check): "
                    "the seeded keys then count as wrapped by it, and the background re-wrap leaves them alone")
    a = ap.parse_args()
    r = random.Random(a.seed)
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    out = sys.stdout
    for start in range(0, a.count, a.batch):
        conv, keys, msgs, recs = [], [], [], []
        for _ in range(min(a.batch, a.count - start)):
            cid = urlid()
            at = (now - datetime.timedelta(seconds=r.randint(60, 86400))).strftime("%Y-%m-%d %H:%M:%S")
            user, reply = "v1:" + b64(r.randint(40, 200)), "v1:" + b64(r.randint(300, 1500))
            ch = r.choice(CHANNELS)
            conv.append(f"('{cid}', TIMESTAMP '{at}', TIMESTAMP '{at}', '{ch}', 1, 2, {len(user) + len(reply)})")
            keys.append(f"('{cid}', 'v2:{a.key_id}:{b64(60)}', '{a.key_id}')")
            msgs.append(f"('{urlid()}', '{cid}', 0, 'USER', '{user}', NULL, TIMESTAMP '{at}')")
            msgs.append(f"('{urlid()}', '{cid}', 1, 'ASSISTANT', '{reply}', NULL, TIMESTAMP '{at}')")
            recs.append(f"('{urlid()}', TIMESTAMP '{at}', '{level(r)}', NULL, 'seeded', 1, '{ch}')")
        out.write("insert into conversation (id, created_at, last_active_at, channel, row_version, message_count, stored_chars) values\n"
                  + ",\n".join(conv) + ";\n")
        out.write("insert into conversation_key (conversation_id, wrapped_key, key_id) values\n" + ",\n".join(keys) + ";\n")
        out.write("insert into conversation_message (id, conversation_id, seq, role, text, asks, created_at) values\n"
                  + ",\n".join(msgs) + ";\n")
        out.write("insert into triage_record (id, recorded_at, level, rule_ids, rule_set_version, corpus_version, channel) values\n"
                  + ",\n".join(recs) + ";\n")


if __name__ == "__main__":
    main()
