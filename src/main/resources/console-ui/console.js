// The content console: a small front end on the console's JSON API (/api/v1/admin/content/...).
// Views by the address's hash: #/ (home: releases and drafts), #/drafts/{id} (a draft), #/audit (the audit log).
// Every state-changing call sends the CSRF token from /me; every result and every API error goes to the live region.
// preview.js adds #/drafts/{id}/preview and #/drafts/{id}/golden and the report's conversation sections.

import { previewRoute, previewLinks, conversationSections } from './preview.js';

const API = '/api/v1/admin/content';
const live = document.getElementById('live');
const view = document.getElementById('view');
let me = null;

/** An API error: the problem body's detail, or what the status says. */
class ApiError extends Error {
    constructor(status, body) {
        const detail = body && typeof body === 'object' ? (body.detail || body.title) : null;
        super(status === 401 ? 'Your session has ended: sign in again.'
            : detail || ('The request failed (HTTP ' + status + ').'));
        this.status = status;
    }
}

/** Calls the API; a 422 with refusals (a refused publish or rollback) is a result, not an error. */
async function api(method, path, options = {}) {
    const headers = { Accept: 'application/json, text/plain;q=0.9' };
    let body;
    if (method !== 'GET') {
        headers['X-CSRF-Token'] = me.csrfToken;
    }
    if (options.text !== undefined) {
        headers['Content-Type'] = 'text/plain; charset=utf-8';
        body = options.text;
    } else if (options.json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(options.json);
    }
    const response = await fetch(API + path, { method, headers, body, credentials: 'same-origin' });
    const type = response.headers.get('content-type') || '';
    const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
    if (!response.ok && !(response.status === 422 && data && data.refusals)) {
        throw new ApiError(response.status, data);
    }
    return { status: response.status, data };
}

/** Builds an element; children are nodes or text (never parsed as HTML). */
function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) {
            continue;
        }
        if (k.startsWith('on')) {
            el.addEventListener(k.slice(2), v);
        } else if (k === 'class') {
            el.className = v;
        } else if (v === true) {
            el.setAttribute(k, '');
        } else {
            el.setAttribute(k, String(v));
        }
    }
    for (const c of children.flat(Infinity)) {
        if (c !== null && c !== undefined && c !== false) {
            el.append(c instanceof Node ? c : String(c));
        }
    }
    return el;
}

/** Says something in the live region (politely; errors marked as such). */
function announce(message, error = false) {
    live.textContent = '';
    live.classList.toggle('error', error);
    // a fresh text node after a tick, so the same message twice is read twice
    setTimeout(() => { live.textContent = message; }, 50);
}

function focusOn(el) {
    if (el) {
        el.setAttribute('tabindex', '-1');
        el.focus();
    }
}

const canEdit = () => me.role === 'editor' || me.role === 'admin';
const canReview = () => me.role === 'reviewer' || me.role === 'admin';
const when = (instant) => (instant ? new Date(instant).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '');

/** Runs an action from a button: busy while it runs, its error announced (never swallowed). */
async function act(button, busyText, work) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    if (busyText) {
        announce(busyText);
    }
    try {
        await work();
    } catch (e) {
        announce(e.message, true);
        focusOn(live);
    } finally {
        button.disabled = false;
        button.removeAttribute('aria-busy');
    }
}

// ---- home ----

async function home() {
    const [releases, drafts] = await Promise.all([api('GET', '/releases'), api('GET', '/drafts')]);
    const published = releases.data.published;
    const heading = h('h2', { id: 'home-heading' }, 'Releases and drafts');
    const open = drafts.data.filter((d) => d.draft.state === 'open');
    const note = h('input', { id: 'draft-note', name: 'note', maxlength: 4000, size: 50 });
    const newDraft = h('form', {
        onsubmit: (ev) => {
            ev.preventDefault();
            act(ev.submitter || newDraft.querySelector('button'), 'Creating the draft…', async () => {
                const created = await api('POST', '/drafts', { json: { note: note.value } });
                announce('Draft ' + created.data.draft.id + ' created from release ' + created.data.draft.basedOn + '.');
                location.hash = '#/drafts/' + created.data.draft.id;
            });
        },
    }, h('label', { for: 'draft-note' }, 'Note'), note, ' ', h('button', { type: 'submit' }, 'New draft'));

    view.replaceChildren(
        heading,
        h('section', { 'aria-labelledby': 'published-heading' },
            h('h3', { id: 'published-heading' }, 'Published release'),
            h('p', { id: 'published-release' }, published.release
                ? 'Release ' + published.release + ', published ' + when(published.at) + ' by ' + published.by + '.'
                : 'No release is published.')),
        h('section', { 'aria-labelledby': 'releases-heading' },
            h('h3', { id: 'releases-heading' }, 'Releases'),
            h('table', { id: 'releases' },
                h('caption', {}, 'Every release, newest first'),
                h('thead', {}, h('tr', {}, ['Number', 'Author', 'Note', 'Date', 'State', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
                h('tbody', {}, releases.data.releases.map((r) => releaseRow(r, published.release))))),
        h('section', { 'aria-labelledby': 'drafts-heading' },
            h('h3', { id: 'drafts-heading' }, 'Open drafts'),
            open.length === 0 ? h('p', {}, 'There are no open drafts.')
                : h('ul', { id: 'drafts' }, open.map((d) => h('li', {},
                    h('a', { href: '#/drafts/' + d.draft.id }, 'Draft ' + d.draft.id + (d.draft.note ? ': ' + d.draft.note : '')),
                    ' by ' + d.draft.author + ', from release ' + d.draft.basedOn + ', ' + d.changedPaths.length + ' changed file(s)'
                    + (d.approved ? ', approved by ' + d.draft.approvedBy : ''))))),
        canEdit() ? h('section', { 'aria-labelledby': 'new-draft-heading' },
            h('h3', { id: 'new-draft-heading' }, 'New draft'),
            h('p', {}, 'A draft starts from the published release.'), newDraft) : null);
    return heading;
}

function releaseRow(r, published) {
    const isPublished = r.number === published;
    const actions = h('td', {},
        h('a', { href: API + '/releases/' + r.number + '/export', download: 'content-release-' + r.number + '.zip' },
            'Export', h('span', { class: 'visually-hidden' }, ' release ' + r.number)));
    if (canReview() && !isPublished) {
        const button = h('button', { type: 'button', 'data-rollback': r.number, 'aria-label': 'Roll back to release ' + r.number }, 'Roll back');
        button.addEventListener('click', () => act(button, 'Rolling back to release ' + r.number + ': the publish gate runs the evaluation (up to a minute or more)…', async () => {
            const result = await api('POST', '/releases/' + r.number + '/rollback');
            if (result.data.published) {
                await render();
                announce('Release ' + result.data.release + ' is published again.');
                focusOn(document.getElementById('published-heading'));
            } else {
                showOutcome(view, result.data, 'Roll back to release ' + r.number + ' refused');
            }
        }));
        actions.append(' ', button);
    }
    return h('tr', { 'data-release': r.number },
        h('td', {}, String(r.number)), h('td', {}, r.author), h('td', {}, r.note || ''), h('td', {}, when(r.createdAt)),
        h('td', {}, isPublished ? 'Published' : ''), actions);
}

// ---- a draft ----

async function draft(id) {
    const d = (await api('GET', '/drafts/' + id)).data;
    const release = (await api('GET', '/releases/' + d.draft.basedOn)).data;
    const paths = [...new Set([...release.paths, ...d.changedPaths])].sort();
    const openDraft = d.draft.state === 'open';
    const heading = h('h2', { id: 'draft-heading' }, 'Draft ' + d.draft.id + (d.draft.note ? ': ' + d.draft.note : ''));
    const results = h('div', { id: 'results' });
    const editor = h('div', { id: 'editor' });

    const fileSelect = h('select', { id: 'file-path' }, paths.map((p) => h('option', { value: p }, p)));
    const openButton = h('button', { type: 'button', id: 'open-file' }, 'Open file');
    openButton.addEventListener('click', () => act(openButton, null, () => openFile(d, fileSelect.value, editor)));

    const button = (label, idAttr, busy, work, show = true) => {
        if (!show) {
            return null;
        }
        const b = h('button', { type: 'button', id: idAttr }, label);
        b.addEventListener('click', () => act(b, busy, work));
        return b;
    };

    view.replaceChildren(
        heading,
        h('p', {}, h('a', { href: '#/' }, 'Back to releases and drafts')),
        h('dl', { id: 'draft-facts' },
            h('dt', {}, 'Author'), h('dd', {}, d.draft.author),
            h('dt', {}, 'State'), h('dd', {}, d.draft.state),
            h('dt', {}, 'Based on'), h('dd', {}, 'release ' + d.draft.basedOn + (d.basedOnPublished ? ' (the published one)' : ' (not the published one: release ' + d.published + ' is)')),
            h('dt', {}, 'Sign-off'), h('dd', { id: 'sign-off' }, d.approved ? 'approved by ' + d.draft.approvedBy
                : d.needsSignOff ? 'needs the approval of a reviewer who is not its author' : 'not needed')),
        previewLinks(id),
        h('section', { 'aria-labelledby': 'changed-heading' },
            h('h3', { id: 'changed-heading' }, 'Changed files'),
            d.changedPaths.length === 0 ? h('p', {}, 'No file is changed yet.')
                : h('ul', { id: 'changed-files' }, d.changedPaths.map((p) => {
                    const o = h('button', { type: 'button', 'aria-label': 'Open ' + p }, 'Open');
                    o.addEventListener('click', () => act(o, null, () => openFile(d, p, editor)));
                    return h('li', {}, h('code', {}, p), ' ', o, openDraft && canEdit() ? revertButton(d, p) : null);
                }))),
        openDraft ? h('section', { 'aria-labelledby': 'files-heading' },
            h('h3', { id: 'files-heading' }, 'Open a file'),
            h('label', { for: 'file-path' }, 'File of the draft'), fileSelect, ' ', openButton) : null,
        editor,
        h('section', { 'aria-labelledby': 'actions-heading' },
            h('h3', { id: 'actions-heading' }, 'Review and publish'),
            button('Show diff', 'show-diff', 'Loading the diff…', async () => {
                showDiff((await api('GET', '/drafts/' + id + '/diff')).data, results);
            }),
            button('Run evaluation', 'run-evaluation', 'Running the evaluation: every triage case, against the published release (up to a minute or more)…', async () => {
                showReport((await api('POST', '/drafts/' + id + '/evaluation')).data, results);
            }, openDraft),
            button('Approve', 'approve', 'Approving…', async () => {
                const approved = (await api('POST', '/drafts/' + id + '/approve')).data;
                await render();
                announce('Draft ' + id + ' is approved by ' + approved.draft.approvedBy + '.');
                focusOn(document.getElementById('sign-off'));
            }, openDraft && canReview()),
            button('Publish', 'publish', 'Publishing: the publish gate runs the evaluation (up to a minute or more)…', async () => {
                showOutcome(results, (await api('POST', '/drafts/' + id + '/publish')).data, 'Publish refused');
            }, openDraft),
            button('Discard draft', 'discard', 'Discarding…', async () => {
                await api('POST', '/drafts/' + id + '/discard');
                location.hash = '#/';
                announce('Draft ' + id + ' is discarded.');
            }, openDraft)),
        results);
    return heading;
}

function revertButton(d, path) {
    const b = h('button', { type: 'button', 'aria-label': 'Revert ' + path }, 'Revert');
    b.addEventListener('click', () => act(b, null, async () => {
        await api('POST', '/drafts/' + d.draft.id + '/revert/' + path);
        await render();
        announce('The change to ' + path + ' is taken out of the draft.');
        focusOn(document.getElementById('changed-heading'));
    }));
    return b;
}

async function openFile(d, path, editor) {
    const id = d.draft.id;
    let text = '';
    let exists = true;
    try {
        text = (await api('GET', '/drafts/' + id + '/files/' + path)).data;
    } catch (e) {
        if (e.status !== 404) {
            throw e;
        }
        exists = false;
    }
    const area = h('textarea', { id: 'file-text', spellcheck: 'false', rows: 24 });
    area.value = text;
    const editable = d.draft.state === 'open' && canEdit();
    if (!editable) {
        area.readOnly = true;
    }
    const heading = h('h3', { id: 'editor-heading' }, (editable ? 'Editing ' : 'Reading ') + path);
    const save = h('button', { type: 'button', id: 'save-file' }, 'Save');
    save.addEventListener('click', () => act(save, 'Saving ' + path + '…', async () => {
        const after = (await api('PUT', '/drafts/' + id + '/files/' + path, { text: area.value })).data;
        await render();
        await openFile(after, path, document.getElementById('editor'));
        announce(path + ' is saved in draft ' + id + '.' + (after.needsSignOff && !after.approved ? ' The draft needs a reviewer\'s approval.' : ''));
        focusOn(document.getElementById('editor-heading'));
    }));
    const remove = h('button', { type: 'button', id: 'remove-file' }, 'Remove file');
    remove.addEventListener('click', () => act(remove, 'Removing ' + path + '…', async () => {
        await api('DELETE', '/drafts/' + id + '/files/' + path);
        await render();
        announce(path + ' is removed in draft ' + id + '.');
        focusOn(document.getElementById('changed-heading'));
    }));
    const close = h('button', { type: 'button' }, 'Close');
    close.addEventListener('click', () => {
        editor.replaceChildren();
        focusOn(document.getElementById('files-heading') || document.getElementById('draft-heading'));
    });
    editor.replaceChildren(h('section', { 'aria-labelledby': 'editor-heading' },
        heading,
        exists ? null : h('p', {}, 'The draft has no such file: saving adds it.'),
        h('label', { for: 'file-text' }, 'Text of ' + path), area,
        h('div', {}, editable ? save : null, editable && exists ? remove : null,
            editable && d.changedPaths.includes(path) ? revertButton(d, path) : null, close)));
    focusOn(heading);
}

const KINDS = { '+': ['added', 'Added: '], '-': ['removed', 'Removed: '], ' ': ['kept', 'Unchanged: '] };

function showDiff(diff, results) {
    const heading = h('h3', { id: 'diff-heading' }, 'Diff against the published release');
    results.replaceChildren(h('section', { id: 'diff', 'aria-labelledby': 'diff-heading' }, heading,
        diff.length === 0 ? h('p', {}, 'Nothing differs from the published release.') : null,
        diff.map((file) => [
            h('h4', {}, file.path + ' (' + file.change + (file.needsSignOff ? ', needs a reviewer\'s approval' : '') + ')'),
            h('ul', { class: 'diff', 'aria-label': 'Lines of ' + file.path }, file.lines.map((line) => {
                if (line.kind === '@') {
                    return h('li', { class: 'skip' }, '… ' + (line.text || 'unchanged lines skipped'));
                }
                const [cls, said] = KINDS[line.kind] || KINDS[' '];
                const number = line.kind === '-' ? line.before : line.after;
                return h('li', { class: cls },
                    h('span', { class: 'sign', 'aria-hidden': 'true' }, line.kind === ' ' ? ' ' : line.kind),
                    h('span', { class: 'visually-hidden' }, said + 'line ' + number + ': '),
                    line.text);
            })),
        ])));
    announce('The diff shows ' + diff.length + ' changed file(s).');
    focusOn(heading);
}

function reportSection(report, headingText, idAttr) {
    const heading = h('h3', { id: idAttr + '-heading' }, headingText);
    const section = h('section', { id: idAttr, 'aria-labelledby': idAttr + '-heading' }, heading,
        h('p', { id: idAttr + '-verdict' }, report.passes ? 'Passes: the gate would publish this draft.' : 'Refused: the gate would not publish this draft.'),
        h('p', {}, report.cases + ' evaluation case(s) run in ' + (report.millis / 1000).toFixed(1) + ' s; ' + report.changed.length + ' come out at another level.'),
        report.refusals.length ? [h('h4', {}, 'Refusals'), h('ul', { class: 'refusals' }, report.refusals.map((r) => h('li', {}, r)))] : null,
        report.errors && report.errors.length ? [h('h4', {}, 'Errors in the rules'),
            h('ul', { class: 'refusals' }, report.errors.map((e) => h('li', {}, typeof e === 'string' ? e : JSON.stringify(e))))] : null,
        report.changed.length ? h('table', { class: 'cases' },
            h('caption', {}, 'Cases whose level changes'),
            h('thead', {}, h('tr', {}, ['Source', 'Expected', 'Published level', 'Draft level', 'Refuses'].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, report.changed.map((c) => h('tr', {},
                h('td', {}, c.source + (c.note ? ' (' + c.note + ')' : '')), h('td', {}, c.expected || ''), h('td', {}, c.published),
                h('td', {}, c.candidate), h('td', { class: c.refuses ? 'yes' : '' }, c.refuses ? 'Yes, refuses' : 'No'))))) : null,
        conversationSections(report.conversations, idAttr));
    return { section, heading };
}

function showReport(report, results) {
    const { section, heading } = reportSection(report, 'Evaluation report', 'evaluation');
    results.replaceChildren(section);
    announce('Evaluation done: ' + (report.passes ? 'it passes' : 'it is refused, ' + report.refusals.length + ' refusal(s)') + '.');
    focusOn(heading);
}

/** A publish's or rollback's outcome: the new release, or the refusals and the report (a 422's body). */
function showOutcome(target, outcome, refusedHeading) {
    if (outcome.published) {
        const heading = h('h3', { id: 'outcome-heading' }, 'Published: release ' + outcome.release);
        target.replaceChildren(h('section', { id: 'outcome', 'aria-labelledby': 'outcome-heading' }, heading,
            h('p', {}, 'Release ' + outcome.release + ' is published; every instance serves it within seconds. ',
                h('a', { href: '#/' }, 'See the releases'))));
        announce('Published: release ' + outcome.release + '.');
        focusOn(heading);
        return;
    }
    const heading = h('h3', { id: 'outcome-heading' }, refusedHeading);
    const parts = [heading, h('ul', { class: 'refusals', id: 'outcome-refusals' }, outcome.refusals.map((r) => h('li', {}, r)))];
    if (outcome.report) {
        parts.push(reportSection(outcome.report, 'The gate\'s report', 'outcome-report').section);
    }
    const section = h('section', { id: 'outcome', 'aria-labelledby': 'outcome-heading' }, parts);
    if (target === view) {
        view.prepend(section);
    } else {
        target.replaceChildren(section);
    }
    announce(refusedHeading + ': ' + outcome.refusals.join(' '), true);
    focusOn(heading);
}

// ---- audit ----

async function audit(query) {
    const params = new URLSearchParams(query);
    const page = Number(params.get('page') || 0);
    const shown = new URLSearchParams();
    for (const k of ['actor', 'action']) {
        if (params.get(k)) {
            shown.set(k, params.get(k));
        }
    }
    const result = (await api('GET', '/audit?' + shown + '&page=' + page + '&size=50')).data;
    const heading = h('h2', { id: 'audit-heading' }, 'Audit log');
    const actor = h('input', { id: 'audit-actor', name: 'actor', value: params.get('actor') || '' });
    const action = h('input', { id: 'audit-action', name: 'action', value: params.get('action') || '', placeholder: 'e.g. release.published' });
    const form = h('form', {
        onsubmit: (ev) => {
            ev.preventDefault();
            const q = new URLSearchParams();
            if (actor.value.trim()) {
                q.set('actor', actor.value.trim());
            }
            if (action.value.trim()) {
                q.set('action', action.value.trim());
            }
            location.hash = '#/audit?' + q;
        },
    }, h('label', { for: 'audit-actor' }, 'Actor'), actor, h('label', { for: 'audit-action' }, 'Action'), action,
        h('div', {}, h('button', { type: 'submit' }, 'Filter')));
    const last = Math.max(0, Math.ceil(result.total / result.size) - 1);
    const pageLink = (p, label) => h('a', { href: '#/audit?' + shown + (shown.toString() ? '&' : '') + 'page=' + p }, label);
    view.replaceChildren(heading, form,
        h('p', {}, h('a', { id: 'audit-export', href: API + '/audit/export' + (shown.toString() ? '?' + shown : ''), download: 'audit.jsonl' },
            'Export these entries as JSON Lines')),
        h('p', { id: 'audit-count' }, result.total + ' entr' + (result.total === 1 ? 'y' : 'ies') + '; page ' + (page + 1) + ' of ' + (last + 1) + '.'),
        h('table', { id: 'audit' },
            h('caption', {}, 'Audit entries, newest first'),
            h('thead', {}, h('tr', {}, ['#', 'Time', 'Actor', 'Action', 'Target'].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, result.entries.map((e) => h('tr', {},
                h('td', {}, String(e.sequence)), h('td', {}, when(e.time)), h('td', {}, e.actor), h('td', {}, e.action), h('td', {}, e.target || ''))))),
        h('nav', { 'aria-label': 'Audit pages' }, page > 0 ? pageLink(page - 1, 'Newer entries') : null, ' ',
            page < last ? pageLink(page + 1, 'Older entries') : null));
    announce(result.total + ' audit entr' + (result.total === 1 ? 'y' : 'ies') + ' found.');
    return heading;
}

// ---- routing ----

async function render() {
    const hash = location.hash.replace(/^#/, '') || '/';
    const draftMatch = hash.match(/^\/drafts\/(\d+)$/);
    view.setAttribute('aria-busy', 'true');
    try {
        const extra = previewRoute(hash);
        if (extra) {
            return await extra;
        }
        if (draftMatch) {
            return await draft(draftMatch[1]);
        }
        if (hash.startsWith('/audit') && canReview()) {
            return await audit(hash.slice('/audit'.length).replace(/^\?/, ''));
        }
        return await home();
    } finally {
        view.removeAttribute('aria-busy');
    }
}

async function navigate() {
    try {
        const heading = await render();
        document.title = (heading ? heading.textContent + ': ' : '') + 'Content console';
        focusOn(heading);
    } catch (e) {
        announce(e.message, true);
        focusOn(live);
    }
}

async function start() {
    try {
        me = (await api('GET', '/me')).data;
    } catch (e) {
        announce(e.message, true);
        return;
    }
    document.getElementById('who').textContent = 'Signed in as ' + me.username + ' (role ' + me.role + ')';
    if (canReview()) {
        document.getElementById('audit-link').hidden = false;
    }
    window.addEventListener('hashchange', navigate);
    await navigate();
    document.body.setAttribute('data-ready', 'true');
}

start();

export { api, h, announce, act, focusOn, view };
