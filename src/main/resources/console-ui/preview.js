// The console's preview and golden conversations, imported by console.js (whose helpers it uses in turn).
// Views: #/drafts/{id}/preview[?golden=ID] (a conversation under the published release and under the draft, side by
// side) and #/drafts/{id}/golden (the draft's golden conversations, added, changed and removed); and the evaluation
// report's sections on golden conversations and the answer set.

import { api, h, announce, act, focusOn, view } from './console.js';

const LEVELS = ['NONE', 'SELF_CARE', 'ROUTINE', 'URGENT', 'EMERGENCY'];
const REGIONS = ['US', 'UK', 'EU'];
const SEXES = ['female', 'male', 'other'];

/** The view of a preview or golden address (a promise of its heading), or null for any other address. */
export function previewRoute(hash) {
    const m = hash.match(/^\/drafts\/(\d+)\/(preview|golden)(?:\?(.*))?$/);
    if (!m) {
        return null;
    }
    return m[2] === 'preview' ? previewPage(m[1], new URLSearchParams(m[3] || '')) : goldenPage(m[1]);
}

/** The draft page's links to its preview and golden conversations. */
export function previewLinks(id) {
    return h('p', { id: 'preview-links' },
        h('a', { href: '#/drafts/' + id + '/preview', id: 'preview-link' }, 'Preview conversations'), ' · ',
        h('a', { href: '#/drafts/' + id + '/golden', id: 'golden-link' }, 'Golden conversations'));
}

// ---- small form parts ----

/** A labelled field; the label's text is what a screen reader reads for it. */
function field(idAttr, label, control, hint) {
    control.id = idAttr;
    if (hint) {
        control.setAttribute('aria-describedby', idAttr + '-hint');
    }
    return h('div', { class: 'field' }, h('label', { for: idAttr }, label), control,
        hint ? h('span', { class: 'hint', id: idAttr + '-hint' }, hint) : null);
}

function choice(values, empty, chosen) {
    return h('select', {}, empty ? h('option', { value: '' }, empty) : null,
        values.map((v) => h('option', { value: v, selected: v === chosen }, v)));
}

/** Optional details of the person (age, sex, region, channel), as fields and as what a request sends. */
function personFields(prefix, given = {}) {
    const age = h('input', { type: 'number', min: 0, max: 120, inputmode: 'numeric', value: given.age ?? '' });
    const sex = choice(SEXES, 'Not given', given.sex);
    const region = choice(REGIONS, 'Not given', given.region && given.region.toUpperCase());
    const channel = h('input', { maxlength: 32, size: 12, value: given.channel || '' });
    const fields = h('div', { class: 'person-fields' },
        field(prefix + '-age', 'Age', age), field(prefix + '-sex', 'Sex', sex), field(prefix + '-region', 'Region', region),
        field(prefix + '-channel', 'Channel', channel, 'e.g. web or sms'));
    const values = () => {
        const out = {};
        if (age.value.trim() !== '') {
            out.age = Number(age.value);
        }
        for (const [k, el] of [['sex', sex], ['region', region], ['channel', channel]]) {
            if (el.value.trim() !== '') {
                out[k] = el.value.trim();
            }
        }
        return out;
    };
    return { fields, values };
}

/** The non-empty lines of a text, trimmed. */
const lines = (text) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '');

function lineArea(rows, value) {
    const area = h('textarea', { rows, class: 'lines', spellcheck: 'true' });
    area.value = (value || []).join('\n');
    return area;
}

// ---- preview ----

async function previewPage(id, params) {
    const [d, golden] = await Promise.all([api('GET', '/drafts/' + id), api('GET', '/drafts/' + id + '/golden')]);
    const heading = h('h2', { id: 'preview-heading' }, 'Preview of draft ' + id + (d.data.draft.note ? ': ' + d.data.draft.note : ''));
    const results = h('div', { id: 'preview-results' });
    const asked = params.get('golden');

    const messages = lineArea(4);
    const conversation = h('input', { size: 40, maxlength: 64 });
    const goldenSelect = h('select', {}, golden.data.map((g) => h('option', { value: g.id, selected: g.id === asked }, g.id + ' (' + g.level + ')')));
    const person = personFields('preview');
    const sources = [
        ['messages', 'Messages typed here', field('preview-messages', 'Messages, one per line (each line is one turn)', messages)],
        ['conversation', 'A stored conversation', field('preview-conversation', 'Stored conversation id', conversation,
            'the id the service gave the conversation; reading it is recorded in the audit log')],
        ['golden', 'A golden conversation of this draft', field('preview-golden', 'Golden conversation', goldenSelect,
            'it brings its own age, sex, region and channel')],
    ];
    const start = asked && golden.data.some((g) => g.id === asked) ? 'golden' : 'messages';
    const radios = sources.map(([value, label]) => h('label', { class: 'inline-choice' },
        h('input', { type: 'radio', name: 'preview-source', value, checked: value === start, onchange: () => show(value) }), ' ', label));
    const show = (value) => {
        for (const [v, , part] of sources) {
            part.hidden = v !== value;
        }
        person.fields.hidden = value === 'golden';
    };
    show(start);
    const run = h('button', { type: 'submit', id: 'run-preview' }, 'Run preview');
    const form = h('form', {
        id: 'preview-form',
        onsubmit: (ev) => {
            ev.preventDefault();
            const source = form.querySelector('input[name=preview-source]:checked').value;
            const body = source === 'golden' ? { golden: goldenSelect.value }
                : { ...person.values(), ...(source === 'conversation' ? { conversationId: conversation.value.trim() } : { messages: lines(messages.value) }) };
            act(run, 'Running the conversation under the published release and under the draft…', async () => {
                showComparison((await api('POST', '/drafts/' + id + '/preview', { json: body })).data, results);
            });
        },
    },
    h('fieldset', {}, h('legend', {}, 'What to run'), radios),
    sources.map(([, , part]) => part), person.fields, h('div', {}, run));

    view.replaceChildren(heading,
        h('p', {}, h('a', { href: '#/drafts/' + id }, 'Back to draft ' + id), ' · ',
            h('a', { href: '#/drafts/' + id + '/golden' }, 'Golden conversations of this draft')),
        h('p', {}, 'Each side runs the service as it would answer: triage, interview, answer and the output check, on the '
            + 'published release\'s files and on this draft\'s. Nothing is stored. Citations come from the corpus this '
            + 'instance serves: a document the draft adds or changes is cited only once it is published.'),
        form, results);
    if (start === 'golden') {
        // asked for from the golden conversations page: run it straight away
        setTimeout(() => form.requestSubmit(run), 0);
    }
    return heading;
}

/** The two sides of a preview in columns, turn by turn, with the turns that differ said in words. */
function showComparison(c, results) {
    const differ = new Set(c.differingTurns);
    const total = c.draft.turns.length;
    const heading = h('h3', { id: 'preview-result-heading' }, 'Preview: ' + differ.size + ' of ' + total + ' turn(s) differ');
    const side = (s, title, idAttr, marker) => h('section', { class: 'preview-side', id: idAttr, 'aria-labelledby': idAttr + '-heading' },
        h('h4', { id: idAttr + '-heading' }, title),
        h('ol', { class: 'turns' }, s.turns.map((t, i) => turnView(t, i, differ.has(i) ? marker : null))));
    results.replaceChildren(h('section', { id: 'preview-result', 'aria-labelledby': 'preview-result-heading' }, heading,
        h('p', { id: 'preview-summary' }, differ.size === 0 ? 'Every turn comes out the same under the draft as under the published release.'
            : 'Turn(s) ' + [...differ].map((i) => i + 1).join(', ') + ' differ in level, rules, reply or citations.'),
        h('div', { class: 'preview-sides' },
            side(c.published, 'Published release ' + c.published.release, 'preview-published', 'The draft differs here'),
            side(c.draft, 'This draft', 'preview-draft', 'Differs from the published release'))));
    announce('Preview ready: ' + differ.size + ' of ' + total + ' turns differ.');
    focusOn(heading);
}

function turnView(t, i, marker) {
    return h('li', { class: 'turn' + (marker ? ' differs' : ''), 'data-turn': i },
        h('h5', {}, 'Turn ' + (i + 1)),
        marker ? h('p', { class: 'differs-note' }, marker) : null,
        h('dl', { class: 'turn-facts' },
            h('dt', {}, 'Message'), h('dd', { class: 'turn-message' }, t.message),
            h('dt', {}, 'Level'), h('dd', {}, levelBadge(t.level)),
            h('dt', {}, 'Rules'), h('dd', { class: 'turn-rules' }, t.ruleIds.length ? t.ruleIds.map((r, k) => [k ? ', ' : '', h('code', {}, r)]) : 'none'),
            h('dt', {}, 'Reply'), h('dd', { class: 'turn-reply' }, t.reply),
            h('dt', {}, 'Citations'), h('dd', { class: 'turn-citations' }, t.citations && t.citations.length
                ? h('ul', {}, t.citations.map(citation)) : 'none'),
            t.interview ? [h('dt', {}, 'Interview'), h('dd', {}, interview(t.interview))] : null));
}

const interview = (i) => i.flow + (i.of > 0 ? ', question ' + i.step + ' of ' + i.of : '') + (i.done ? ', finished' : '');

const levelBadge = (level) => h('span', { class: 'level level-' + String(level).toLowerCase().replace('_', '-') }, level);

function citation(c) {
    const title = c.title || c.documentId;
    const safe = typeof c.url === 'string' && /^https?:\/\//i.test(c.url);
    return h('li', {}, safe ? h('a', { href: c.url, rel: 'noopener noreferrer' }, title) : title,
        ' (', h('code', {}, c.documentId), ')');
}

// ---- golden conversations ----

async function goldenPage(id) {
    const [d, golden] = await Promise.all([api('GET', '/drafts/' + id), api('GET', '/drafts/' + id + '/golden')]);
    // every console role may keep golden conversations, in an open draft
    const editable = d.data.draft.state === 'open';
    const heading = h('h2', { id: 'golden-heading' }, 'Golden conversations of draft ' + id);
    const list = h('div', { id: 'golden-list-part' });
    const editor = h('div', { id: 'golden-editor' });
    const refresh = async () => {
        const now = (await api('GET', '/drafts/' + id + '/golden')).data;
        list.replaceChildren(goldenList(id, now, editable, editor, refresh));
        return now;
    };
    list.replaceChildren(goldenList(id, golden.data, editable, editor, refresh));
    if (editable) {
        goldenForm(id, null, editor, refresh);
    }
    view.replaceChildren(heading,
        h('p', {}, h('a', { href: '#/drafts/' + id }, 'Back to draft ' + id), ' · ',
            h('a', { href: '#/drafts/' + id + '/preview' }, 'Preview conversations')),
        h('p', {}, 'A golden conversation is a promise the team keeps: every evaluation and publish runs it under the published '
            + 'release and under the draft, and a draft that breaks one that passes today is refused.'),
        list, editor);
    return heading;
}

function goldenList(id, golden, editable, editor, refresh) {
    const listHeading = h('h3', { id: 'golden-list-heading' }, golden.length + ' golden conversation(s)');
    return h('section', { 'aria-labelledby': 'golden-list-heading' }, listHeading,
        golden.length === 0 ? h('p', {}, 'This draft has no golden conversation.') : h('ul', { id: 'golden-list' }, golden.map((g) => {
            const actions = h('div', { class: 'golden-actions' });
            const runLink = h('a', { href: '#/drafts/' + id + '/preview?golden=' + encodeURIComponent(g.id), class: 'button-link' },
                'Run in preview', h('span', { class: 'visually-hidden' }, ' ' + g.id));
            const edit = h('button', { type: 'button', 'aria-label': 'Change ' + g.id }, 'Change');
            edit.addEventListener('click', () => goldenForm(id, g, editor, refresh));
            const remove = h('button', { type: 'button', 'aria-label': 'Remove ' + g.id }, 'Remove');
            remove.addEventListener('click', () => confirmRemove(id, g.id, actions, refresh));
            actions.append(runLink, ' ');
            if (editable) {
                actions.append(edit, remove);
            }
            return h('li', { 'data-golden': g.id },
                h('h4', {}, g.id),
                h('dl', { class: 'golden-facts' },
                    h('dt', {}, 'Expected level'), h('dd', {}, levelBadge(g.level)),
                    h('dt', {}, 'Messages'), h('dd', {}, h('ol', {}, g.messages.map((m) => h('li', {}, m)))),
                    phrases('Last reply must hold', g.must), phrases('No reply may hold', g.must_not),
                    phrases('Last reply must cite', g.cite),
                    person(g) ? [h('dt', {}, 'The person'), h('dd', {}, person(g))] : null,
                    g.note ? [h('dt', {}, 'Note'), h('dd', {}, g.note)] : null,
                    g.by ? [h('dt', {}, 'By'), h('dd', {}, g.by)] : null),
                actions);
        })));
}

function phrases(label, list) {
    return list && list.length ? [h('dt', {}, label), h('dd', {}, list.map((p, k) => [k ? '; ' : '', '“', p, '”']))] : null;
}

const person = (g) => [g.age != null ? 'age ' + g.age : null, g.sex, g.region ? 'region ' + g.region : null,
    g.channel ? 'channel ' + g.channel : null].filter(Boolean).join(', ');

/** Asks before a golden conversation is removed, in the page (keyboard and screen reader alike). */
function confirmRemove(id, goldenId, actions, refresh) {
    const kept = [...actions.childNodes];
    const question = h('p', { class: 'confirm', id: 'confirm-remove' }, 'Remove the golden conversation ' + goldenId + ' from draft ' + id + '?');
    const yes = h('button', { type: 'button', id: 'confirm-remove-yes' }, 'Yes, remove it');
    const no = h('button', { type: 'button', id: 'confirm-remove-no' }, 'No, keep it');
    no.addEventListener('click', () => {
        actions.replaceChildren(...kept);
        announce('The golden conversation ' + goldenId + ' is kept.');
        focusOn(kept.find((n) => n.textContent === 'Remove'));
    });
    yes.addEventListener('click', () => act(yes, 'Removing ' + goldenId + '…', async () => {
        await api('DELETE', '/drafts/' + id + '/golden/' + encodeURIComponent(goldenId));
        await refresh();
        announce('The golden conversation ' + goldenId + ' is removed from draft ' + id + '.');
        focusOn(document.getElementById('golden-list-heading'));
    }));
    actions.replaceChildren(question, yes, no);
    focusOn(question);
}

/** The form that adds a golden conversation, or changes one (its id then fixed). */
function goldenForm(id, g, editor, refresh) {
    const changing = g !== null;
    const goldenId = h('input', { maxlength: 64, size: 30, pattern: '[a-z0-9][a-z0-9\\-]{0,63}', required: true, value: changing ? g.id : '' });
    goldenId.readOnly = changing;
    const messages = lineArea(4, changing ? g.messages : []);
    const level = choice(LEVELS, null, changing ? g.level : 'EMERGENCY');
    const who = personFields('golden', changing ? g : {});
    const must = lineArea(2, changing ? g.must : []);
    const mustNot = lineArea(2, changing ? g.must_not : []);
    const cite = lineArea(2, changing ? g.cite : []);
    const note = h('input', { maxlength: 4000, size: 60, value: changing && g.note ? g.note : '' });
    const heading = h('h3', { id: 'golden-form-heading' }, changing ? 'Change the golden conversation ' + g.id : 'Add a golden conversation');
    const save = h('button', { type: 'submit', id: 'save-golden' }, changing ? 'Save changes' : 'Add golden conversation');
    const form = h('form', {
        id: 'golden-form',
        onsubmit: (ev) => {
            ev.preventDefault();
            const key = goldenId.value.trim();
            const body = { ...who.values(), id: key, messages: lines(messages.value), level: level.value,
                must: lines(must.value), must_not: lines(mustNot.value), cite: lines(cite.value) };
            if (note.value.trim()) {
                body.note = note.value.trim();
            }
            act(save, 'Saving the golden conversation ' + key + '…', async () => {
                if (key === '') {
                    throw new Error('Give the golden conversation an id.');
                }
                await api('PUT', '/drafts/' + id + '/golden/' + encodeURIComponent(key), { json: body });
                await refresh();
                goldenForm(id, null, editor, refresh);
                announce('The golden conversation ' + key + ' is saved in draft ' + id + '.');
                focusOn(document.querySelector('#golden-list li[data-golden="' + CSS.escape(key) + '"] h4'));
            });
        },
    },
    field('golden-id', 'Id', goldenId, 'lower-case letters, digits and “-”; an id the draft has already is changed'),
    field('golden-messages', 'Messages of the person, one per line', messages),
    field('golden-level', 'Expected level of the last turn', level),
    who.fields,
    field('golden-must', 'The last reply must hold (one phrase per line)', must),
    field('golden-must-not', 'No reply may hold (one phrase per line)', mustNot),
    field('golden-cite', 'The last reply must cite (one document id per line)', cite),
    field('golden-note', 'Note', note),
    h('div', {}, save, changing ? cancelButton(id, editor, refresh) : null));
    editor.replaceChildren(h('section', { 'aria-labelledby': 'golden-form-heading' }, heading, form));
    if (changing) {
        focusOn(heading);
    }
}

function cancelButton(id, editor, refresh) {
    const b = h('button', { type: 'button' }, 'Cancel');
    b.addEventListener('click', () => {
        goldenForm(id, null, editor, refresh);
        focusOn(document.getElementById('golden-list-heading'));
    });
    return b;
}

// ---- the evaluation report ----

const outcomeText = (o) => (o ? o.level + (o.passes ? ', passes' : ', fails') : '');

/** The report's parts on golden conversations and the answer set; ids start with the report's own. */
export function conversationSections(conversations, idAttr) {
    if (!conversations) {
        return h('p', { id: idAttr + '-conversations' }, 'The golden conversations and the answer set were not run: see the refusals.');
    }
    const golden = [...conversations.golden].sort((a, b) => rank(a) - rank(b));
    const regressed = golden.filter((g) => g.regressed).length;
    const changed = golden.filter((g) => g.changed).length;
    return [
        h('section', { id: idAttr + '-golden', 'aria-labelledby': idAttr + '-golden-heading' },
            h('h4', { id: idAttr + '-golden-heading' }, 'Golden conversations'),
            h('p', {}, golden.length + ' golden conversation(s) run: ' + regressed + ' regressed (pass under the published release, fail under this draft), '
                + changed + ' changed.'),
            golden.length ? h('table', { class: 'golden-results' },
                h('caption', {}, 'Golden conversations, regressed ones first'),
                h('thead', {}, h('tr', {}, ['Id', 'Expected', 'Published release', 'This draft', 'Failures'].map((t) => h('th', { scope: 'col' }, t)))),
                h('tbody', {}, golden.map((g) => h('tr', { class: g.regressed ? 'regressed' : null, 'data-golden': g.id },
                    h('th', { scope: 'row' }, g.regressed ? h('strong', { class: 'regressed-mark' }, 'Regressed: ') : g.changed ? 'Changed: ' : '',
                        g.id, g.note ? h('span', { class: 'hint' }, g.note) : null),
                    h('td', {}, g.expected), h('td', {}, outcomeText(g.published)), h('td', {}, outcomeText(g.candidate)),
                    h('td', {}, failures(g))))))
                : null),
        answerSet(conversations, idAttr),
    ];
}

const rank = (g) => (g.regressed ? 0 : g.changed ? 1 : 2);

function failures(g) {
    const parts = [['This draft', g.candidate], ['Published release', g.published]]
        .filter(([, o]) => o && o.failures.length)
        .map(([who, o]) => h('li', {}, who + ': ' + o.failures.join('; ')));
    return parts.length ? h('ul', { class: 'failures' }, parts) : 'none';
}

function answerSet(conversations, idAttr) {
    const a = conversations.answers;
    const yesNo = (b) => (b ? 'yes' : 'no');
    const answered = (x) => x.level + '; required sentence: ' + yesNo(x.holdsRequired) + '; first document: '
        + (x.firstDocument || 'none') + (x.rightDocumentFirst ? ' (right)' : ' (not the expected one)');
    const changedAnswers = conversations.changedAnswers || [];
    return h('section', { id: idAttr + '-answers', 'aria-labelledby': idAttr + '-answers-heading' },
        h('h4', { id: idAttr + '-answers-heading' }, 'Answer set'),
        a ? h('table', { class: 'answer-totals' },
            h('caption', {}, 'Of ' + a.questions + ' question(s)'),
            h('thead', {}, h('tr', {}, ['', 'Published release', 'This draft'].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {},
                h('tr', {}, h('th', { scope: 'row' }, 'Answers holding a required sentence'), h('td', {}, String(a.publishedHolds)), h('td', {}, String(a.candidateHolds))),
                h('tr', {}, h('th', { scope: 'row' }, 'Answers citing the right document first'), h('td', {}, String(a.publishedRightFirst)), h('td', {}, String(a.candidateRightFirst)))))
            : null,
        changedAnswers.length === 0 ? h('p', {}, 'No question\'s result changed.') : h('table', { class: 'answer-changes' },
            h('caption', {}, changedAnswers.length + ' question(s) whose result changed'),
            h('thead', {}, h('tr', {}, ['Question', 'Expected document', 'Published release', 'This draft'].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, changedAnswers.map((q) => h('tr', {},
                h('th', { scope: 'row' }, q.question, h('span', { class: 'hint' }, q.id + ' in ' + q.file)),
                h('td', {}, q.document || 'none'), h('td', {}, answered(q.published)), h('td', {}, answered(q.candidate)))))));
}
