// The content console: a small front end on the console's JSON API (/api/v1/admin/content/...).
// Views by the address's hash: #/ (home: releases and drafts), #/drafts/{id} (a draft), #/audit (the audit log),
// #/stats (turns per day by triage level and by guardrail rule, as charts and tables), #/gaps (the to-do list:
// unanswered questions and voted answers, grouped by wording), #/users (console users, admins).
// Every state-changing call sends the CSRF token from /me; every result and every API error goes to the live region.
// A 401 from the API (the session ended) sends the page to the login page, which says so.
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
    if (response.status === 401) {
        location.assign('/console/login?expired=true');
    }
    const type = response.headers.get('content-type') || '';
    const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
    if (!response.ok && !(response.status === 422 && data && data.refusals)) {
        throw new ApiError(response.status, data);
    }
    return { status: response.status, data };
}

/** Builds an element; children are nodes or text (never parsed as HTML). */
function h(tag, attrs = {}, ...children) {
    return fill(document.createElement(tag), attrs, children);
}

/** Builds an SVG element, as h does. */
function s(tag, attrs = {}, ...children) {
    return fill(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
}

function fill(el, attrs, children) {
    for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) {
            continue;
        }
        if (k.startsWith('on')) {
            el.addEventListener(k.slice(2), v);
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

/** Puts a view's parts on the page: nodes, text or lists of them; null and false leave nothing (not the word). */
function show(...parts) {
    view.replaceChildren(...parts.flat(Infinity).filter((p) => p !== null && p !== undefined && p !== false));
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

/**
 * Asks before a step that cannot simply be taken back: a modal dialog naming what it does, focus on Cancel, Escape
 * cancels, and focus back where it was after. Resolves true only when the person chose the confirming button.
 */
function confirmStep(question, detail, confirmLabel) {
    return new Promise((resolve) => {
        const opener = document.activeElement;
        const cancel = h('button', { type: 'button', id: 'confirm-cancel' }, 'Cancel');
        const ok = h('button', { type: 'button', id: 'confirm-ok' }, confirmLabel);
        const dialog = h('dialog', { id: 'confirm', 'aria-labelledby': 'confirm-question', 'aria-describedby': 'confirm-detail' },
            h('h2', { id: 'confirm-question' }, question),
            h('p', { id: 'confirm-detail' }, detail),
            h('div', { class: 'dialog-actions' }, cancel, ok));
        cancel.addEventListener('click', () => dialog.close('cancel'));
        ok.addEventListener('click', () => dialog.close('confirm'));
        dialog.addEventListener('close', () => {
            dialog.remove();
            if (opener && opener.isConnected) {
                opener.focus();
            }
            resolve(dialog.returnValue === 'confirm');
        });
        document.body.append(dialog);
        dialog.showModal();
        cancel.focus();
    });
}

/** A button's click: asks first when ask is given (nothing is sent on Cancel, and that is said), then acts. */
function onConfirmedClick(button, ask, cancelled, busyText, work) {
    button.addEventListener('click', async () => {
        if (ask && !(await ask())) {
            announce(cancelled);
            return;
        }
        await act(button, busyText, work);
    });
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

    show(
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
        const ask = () => confirmStep('Roll back to release ' + r.number + '?',
            'Release ' + r.number + ' is published again' + (published ? ' in place of release ' + published : '')
            + ' if the publish gate lets it through (the evaluation runs for up to a minute or more).', 'Roll back');
        onConfirmedClick(button, ask, 'Nothing was rolled back' + (published ? ': release ' + published + ' stays published.' : '.'),
            'Rolling back to release ' + r.number + ': the publish gate runs the evaluation (up to a minute or more)…', async () => {
            const result = await api('POST', '/releases/' + r.number + '/rollback');
            if (result.data.published) {
                await render();
                announce('Release ' + result.data.release + ' is published again.');
                focusOn(document.getElementById('published-heading'));
            } else {
                showOutcome(view, result.data, 'Roll back to release ' + r.number + ' refused');
            }
        });
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

    const button = (label, idAttr, busy, work, visible = true, ask = null, cancelled = null) => {
        if (!visible) {
            return null;
        }
        const b = h('button', { type: 'button', id: idAttr }, label);
        onConfirmedClick(b, ask, cancelled, busy, work);
        return b;
    };
    const draftName = 'draft ' + d.draft.id + (d.draft.note ? ' (' + d.draft.note + ')' : '');

    show(
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
            }, openDraft, () => confirmStep('Discard ' + draftName + '?',
                'Its ' + d.changedPaths.length + ' changed file(s) will not be published, and a discarded draft cannot be opened for editing again.',
                'Discard'), 'Nothing was discarded: ' + draftName + ' stays open.')),
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
    show(heading, form,
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

// ---- statistics ----

const PERIODS = [7, 14, 30, 90];
/** Triage levels, most urgent first, with the words the console shows for them. */
const LEVELS = { EMERGENCY: 'Emergency', URGENT: 'Urgent', ROUTINE: 'Routine', SELF_CARE: 'Self-care', NONE: 'No symptom' };
/** Colours told apart with colour blindness (Okabe and Ito), each with its own fill pattern: never colour alone. */
const PALETTE = ['#b8420b', '#0072b2', '#8a6d00', '#009e73', '#cc79a7', '#56b4e9', '#555555', '#e69f00'];
const MARKS = [
    () => null,
    () => s('path', { d: 'M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4', stroke: '#fff', 'stroke-width': 2 }),
    () => s('circle', { cx: 4, cy: 4, r: 1.7, fill: '#fff' }),
    () => s('path', { d: 'M0,4 h8', stroke: '#fff', 'stroke-width': 2 }),
    () => s('path', { d: 'M0,0 l8,8 M8,0 l-8,8', stroke: '#fff', 'stroke-width': 1.5 }),
    () => s('path', { d: 'M4,0 v8', stroke: '#fff', 'stroke-width': 2 }),
    () => s('path', { d: 'M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4', stroke: '#fff', 'stroke-width': 2 }),
    () => s('path', { d: 'M0,0 h4 v4 h-4z M4,4 h4 v4 h-4z', fill: '#fff', 'fill-opacity': 0.6 }),
];

const total = (counts) => Object.values(counts).reduce((n, c) => n + c, 0);
const plural = (n, one, many) => n + ' ' + (n === 1 ? one : many);

async function stats(query) {
    const asked = Number(new URLSearchParams(query).get('days'));
    const days = PERIODS.includes(asked) ? asked : 14;
    const data = (await api('GET', '/stats?days=' + days)).data;
    const heading = h('h2', { id: 'stats-heading' }, 'Statistics');
    const period = h('select', { id: 'stats-days', name: 'days' },
        PERIODS.map((d) => h('option', { value: d, selected: d === days }, 'The last ' + d + ' days')));
    const form = h('form', {
        onsubmit: (ev) => {
            ev.preventDefault();
            location.hash = '#/stats?days=' + period.value;
        },
    }, h('label', { for: 'stats-days' }, 'Period'), period, ' ', h('button', { type: 'submit' }, 'Show'));
    const turns = data.reduce((n, d) => n + total(d.levels), 0);
    const events = data.reduce((n, d) => n + total(d.rules), 0);
    const span = data.length ? data[0].date + ' to ' + data[data.length - 1].date + ' (UTC)' : '';
    show(heading, form,
        h('p', { id: 'stats-period' }, span + ': ' + plural(turns, 'triaged turn', 'triaged turns') + ', '
            + plural(events, 'guardrail rule event', 'guardrail rule events') + '.'),
        turns === 0 ? h('p', { id: 'stats-empty' }, 'No conversations in this period.') : [
            chart({ id: 'levels', title: 'Triage levels per day', unit: ['turn', 'turns'], axis: 'Turns', data,
                pick: (d) => d.levels, names: LEVELS, empty: 'No turns were triaged in this period.' }),
            chart({ id: 'rules', title: 'Guardrail rule events per day', unit: ['event', 'events'], axis: 'Rule events', data,
                pick: (d) => d.rules, names: {}, empty: 'No guardrail rule matched in this period.' }),
        ]);
    announce('Statistics for ' + span + ': ' + (turns === 0 ? 'no conversations.' : plural(turns, 'turn', 'turns') + '.'));
    return heading;
}

// ---- the to-do list: questions the content did not answer, and voted answers ----

const GAP_KINDS = { '': 'All but up-votes', 'no-answer': 'No answer', 'type-missing': 'Topic lacked what was asked',
    'down-vote': 'Voted not helpful', 'up-vote': 'Voted helpful' };

/** Unanswered questions and voted answers (redacted), grouped by wording, most asked first: the content team's to-do list. */
async function gaps(query) {
    const params = new URLSearchParams(query);
    const days = PERIODS.includes(Number(params.get('days'))) ? Number(params.get('days')) : 30;
    const kind = Object.keys(GAP_KINDS).includes(params.get('kind') || '') ? (params.get('kind') || '') : '';
    const data = (await api('GET', '/gaps?days=' + days + (kind ? '&kind=' + kind : ''))).data;
    const heading = h('h2', { id: 'gaps-heading' }, 'To-do: questions to answer');
    const period = h('select', { id: 'gaps-days', name: 'days' },
        PERIODS.map((d) => h('option', { value: d, selected: d === days }, 'The last ' + d + ' days')));
    const kinds = h('select', { id: 'gaps-kind', name: 'kind' },
        Object.entries(GAP_KINDS).map(([k, label]) => h('option', { value: k, selected: k === kind }, label)));
    const form = h('form', {
        onsubmit: (ev) => {
            ev.preventDefault();
            location.hash = '#/gaps?days=' + period.value + (kinds.value ? '&kind=' + kinds.value : '');
        },
    }, h('label', { for: 'gaps-kind' }, 'What'), kinds, ' ', h('label', { for: 'gaps-days' }, 'Period'), period, ' ',
        h('button', { type: 'submit' }, 'Show'));
    const summary = plural(data.total, 'question', 'questions') + ' in ' + plural(data.groups.length, 'group', 'groups')
        + ' over the last ' + data.days + ' days';
    show(heading,
        h('p', {}, 'What people asked that the content did not answer, or voted on. Names, numbers and addresses are taken '
            + 'out before a question is kept; questions are kept for the feedback retention period.'),
        form, h('p', { id: 'gaps-summary' }, summary + '.'),
        data.groups.length === 0 ? h('p', { id: 'gaps-empty' }, 'Nothing to do in this period.') :
            h('table', { id: 'gaps' },
                h('caption', {}, 'Questions grouped by wording, most asked first'),
                h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Question (an example)'), h('th', { scope: 'col' }, 'Times'),
                    h('th', { scope: 'col' }, 'Why'), h('th', { scope: 'col' }, 'Other wordings'))),
                h('tbody', {}, data.groups.map((g) => h('tr', {},
                    h('th', { scope: 'row' }, g.example), h('td', {}, String(g.count)),
                    h('td', {}, Object.entries(g.kinds).map(([k, n]) => (GAP_KINDS[k] || k) + ': ' + n).join('; ')),
                    h('td', {}, g.questions.filter((q) => q !== g.example).length === 0 ? '' :
                        h('ul', {}, g.questions.filter((q) => q !== g.example).map((q) => h('li', {}, q)))))))));
    announce('To-do: ' + summary + '.');
    return heading;
}

/** The series of a chart: every name with a count, known names in their order first, then the rest by name. */
function seriesOf(data, pick, names) {
    const known = Object.keys(names);
    const found = new Set(data.flatMap((d) => Object.keys(pick(d)).filter((k) => pick(d)[k] > 0)));
    const rank = (k) => (known.includes(k) ? known.indexOf(k) : known.length);
    return [...found].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A step for the value axis: 1, 2 or 5 times a power of ten, about four steps up to the highest bar. */
function niceStep(max) {
    const rough = Math.max(1, max / 4);
    const power = 10 ** Math.floor(Math.log10(rough));
    return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough);
}

/**
 * A stacked bar chart of counts per day (an SVG drawn here), its legend in words with each series' total, and the same
 * numbers as a table under "Show as table".
 */
function chart({ id, title, unit, axis, data, pick, names, empty }) {
    const headingId = id + '-heading';
    const heading = h('h3', { id: headingId }, title);
    const series = seriesOf(data, pick, names);
    if (series.length === 0) {
        return h('section', { id, 'aria-labelledby': headingId }, heading, h('p', { id: id + '-empty' }, empty));
    }
    const label = (name) => names[name] || name;
    const count = (d, name) => pick(d)[name] || 0;
    const totals = series.map((name) => data.reduce((n, d) => n + count(d, name), 0));
    const summary = title + ', ' + data[0].date + ' to ' + data[data.length - 1].date + ': '
        + series.map((name, i) => label(name) + ' ' + totals[i]).join(', ') + '.';
    const svg = barChart(id, headingId, summary, axis, data, series, label, count);
    const legend = h('ul', { class: 'legend', id: id + '-legend', 'aria-label': 'Legend of ' + title.toLowerCase() },
        series.map((name, i) => h('li', { 'data-series': name },
            s('svg', { class: 'swatch', viewBox: '0 0 16 16', 'aria-hidden': 'true', focusable: 'false' },
                s('rect', { width: 16, height: 16, fill: 'url(#' + id + '-p' + i + ')', stroke: '#1c1c1c' })),
            ' ' + label(name) + ': ' + plural(totals[i], unit[0], unit[1]))));
    const table = h('table', { id: id + '-table' },
        h('caption', {}, title + ' (' + unit[1] + ')'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Date'),
            series.map((name) => h('th', { scope: 'col' }, label(name))), h('th', { scope: 'col' }, 'Total'))),
        h('tbody', {}, data.map((d) => h('tr', { 'data-date': d.date }, h('th', { scope: 'row' }, d.date),
            series.map((name) => h('td', {}, String(count(d, name)))),
            h('td', {}, String(series.reduce((n, name) => n + count(d, name), 0)))))),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Total'), totals.map((n) => h('td', {}, String(n))),
            h('td', {}, String(totals.reduce((a, b) => a + b, 0))))));
    return h('section', { id, 'aria-labelledby': headingId }, heading, svg, legend,
        h('details', { id: id + '-details' }, h('summary', {}, 'Show as table'), table));
}

function barChart(id, headingId, summary, axis, data, series, label, count) {
    const width = 760;
    const height = 320;
    const left = 64;
    const right = 16;
    const top = 24;
    const bottom = 64;
    const plotW = width - left - right;
    const plotH = height - top - bottom;
    const dayTotals = data.map((d) => series.reduce((n, name) => n + count(d, name), 0));
    const step = niceStep(Math.max(...dayTotals));
    const ceiling = Math.max(step, Math.ceil(Math.max(...dayTotals) / step) * step);
    const y = (v) => top + plotH - (v / ceiling) * plotH;
    const slot = plotW / data.length;
    const barW = Math.max(2, slot * 0.7);
    const every = Math.ceil(data.length / 15);
    const parts = [
        s('desc', { id: id + '-desc' }, summary),
        s('defs', {}, series.map((_, i) => s('pattern', { id: id + '-p' + i, patternUnits: 'userSpaceOnUse', width: 8, height: 8 },
            s('rect', { width: 8, height: 8, fill: PALETTE[i % PALETTE.length] }), MARKS[i % MARKS.length]()))),
    ];
    for (let v = 0; v <= ceiling; v += step) {
        parts.push(s('line', { class: 'grid', x1: left, x2: width - right, y1: y(v), y2: y(v) }),
            s('text', { class: 'tick', x: left - 8, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
    }
    data.forEach((d, di) => {
        const x = left + di * slot + (slot - barW) / 2;
        let base = 0;
        series.forEach((name, i) => {
            const n = count(d, name);
            if (n > 0) {
                parts.push(s('rect', { class: 'bar', x, y: y(base + n), width: barW, height: y(base) - y(base + n),
                    fill: 'url(#' + id + '-p' + i + ')', 'data-date': d.date, 'data-series': name, 'data-count': n },
                s('title', {}, d.date + ': ' + label(name) + ' ' + n)));
                base += n;
            }
        });
        if (base > 0 && data.length <= 31) {
            parts.push(s('text', { class: 'bar-total', x: x + barW / 2, y: y(base) - 4, 'text-anchor': 'middle' }, String(base)));
        }
        if (di % every === 0 || di === data.length - 1) {
            parts.push(s('text', { class: 'tick', x: x + barW / 2, y: top + plotH + 18, 'text-anchor': 'middle' }, d.date.slice(5)));
        }
    });
    parts.push(
        s('line', { class: 'axis', x1: left, x2: width - right, y1: top + plotH, y2: top + plotH }),
        s('line', { class: 'axis', x1: left, x2: left, y1: top, y2: top + plotH }),
        s('text', { class: 'axis-label', x: left + plotW / 2, y: height - 14, 'text-anchor': 'middle' }, 'Day (UTC, month-day)'),
        s('text', { class: 'axis-label', x: 0, y: 0, 'text-anchor': 'middle',
            transform: 'translate(16 ' + (top + plotH / 2) + ') rotate(-90)' }, axis));
    return s('svg', { id: id + '-chart', class: 'chart', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
        'aria-labelledby': headingId, 'aria-describedby': id + '-desc' }, parts);
}

// ---- users (admins) ----

const ROLES = ['editor', 'reviewer', 'admin'];

async function users() {
    const list = (await api('GET', '/users')).data;
    const heading = h('h2', { id: 'users-heading' }, 'Users');
    const username = h('input', { id: 'new-username', name: 'username', required: true, autocomplete: 'off', spellcheck: 'false',
        autocapitalize: 'none', 'aria-describedby': 'new-username-hint' });
    const role = h('select', { id: 'new-role', name: 'role' }, ROLES.map((r) => h('option', { value: r }, r)));
    const password = h('input', { id: 'new-password', name: 'password', type: 'password', required: true,
        autocomplete: 'new-password', 'aria-describedby': 'new-password-hint' });
    const create = h('button', { type: 'submit', id: 'create-user' }, 'Create user');
    const form = h('form', {
        id: 'new-user',
        onsubmit: (ev) => {
            ev.preventDefault();
            act(create, 'Creating the user…', async () => {
                const created = (await api('POST', '/users', { json: { username: username.value.trim(), password: password.value, role: role.value } })).data;
                await userChanged(created.username, 'User ' + created.username + ' is created with the role ' + created.role + '.');
            });
        },
    },
    h('label', { for: 'new-username' }, 'Username'), username,
    h('p', { id: 'new-username-hint', class: 'hint' }, '3 to 64 characters: lower-case letters, digits, ".", "_" or "-".'),
    h('label', { for: 'new-role' }, 'Role'), role,
    h('label', { for: 'new-password' }, 'Initial password'), password,
    h('p', { id: 'new-password-hint', class: 'hint' }, 'At least 12 characters. Give it to the person yourself.'),
    h('div', {}, create));
    show(heading,
        h('section', { 'aria-labelledby': 'users-list-heading' },
            h('h3', { id: 'users-list-heading' }, 'Console users'),
            h('table', { id: 'users' },
                h('caption', {}, plural(list.length, 'user', 'users')),
                h('thead', {}, h('tr', {}, ['Username', 'Role', 'Created', 'State', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
                h('tbody', {}, list.map(userRow)))),
        h('section', { 'aria-labelledby': 'new-user-heading' }, h('h3', { id: 'new-user-heading' }, 'New user'), form));
    return heading;
}

function userRow(u) {
    const name = u.username;
    const select = h('select', { id: 'role-' + name }, ROLES.map((r) => h('option', { value: r, selected: r === u.role }, r)));
    const change = h('button', { type: 'button', 'data-change-role': name, 'aria-label': 'Change the role of ' + name }, 'Change role');
    change.addEventListener('click', () => act(change, null, async () => {
        const changed = (await api('PATCH', '/users/' + encodeURIComponent(name), { json: { role: select.value } })).data;
        await userChanged(name, name + ' now has the role ' + changed.role + '.');
    }));
    const toggle = h('button', { type: 'button', 'data-toggle-user': name, 'aria-label': (u.disabled ? 'Enable ' : 'Disable ') + name },
        u.disabled ? 'Enable' : 'Disable');
    const ask = u.disabled ? null : () => confirmStep('Disable ' + name + '?',
        name + ' can no longer sign in to the console until an admin enables the account again.', 'Disable');
    onConfirmedClick(toggle, ask, name + ' stays enabled.', null, async () => {
        await api('PATCH', '/users/' + encodeURIComponent(name), { json: { disabled: !u.disabled } });
        await userChanged(name, name + ' is ' + (u.disabled ? 'enabled' : 'disabled') + '.');
    });
    return h('tr', { 'data-user': name },
        h('th', { scope: 'row', id: 'user-' + name }, name), h('td', { class: 'role' }, u.role), h('td', {}, when(u.createdAt)),
        h('td', {}, u.disabled ? 'Disabled' : 'Active'),
        h('td', {}, h('label', { for: 'role-' + name, class: 'visually-hidden' }, 'New role of ' + name), select, ' ', change, ' ', toggle));
}

/** After a change to a user: the list again, what changed said, and focus on that user's row. */
async function userChanged(name, message) {
    await render();
    announce(message);
    focusOn(document.getElementById('user-' + name));
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
        if (hash.startsWith('/gaps')) {
            return await gaps(hash.slice('/gaps'.length).replace(/^\?/, ''));
        }
        if (hash.startsWith('/stats')) {
            return await stats(hash.slice('/stats'.length).replace(/^\?/, ''));
        }
        if (hash === '/users' && me.role === 'admin') {
            return await users();
        }
        return await home();
    } finally {
        view.removeAttribute('aria-busy');
    }
}

/** Marks the navigation's link to the view shown (aria-current), so it is said and seen which view this is. */
function markCurrent() {
    const section = '/' + ((location.hash.replace(/^#\/?/, '').split(/[/?]/)[0]) || '');
    const top = ['/gaps', '/stats', '/audit', '/users'].includes(section) ? section : '/';
    for (const a of document.querySelectorAll('header nav a')) {
        a.toggleAttribute('aria-current', a.getAttribute('href') === '#' + top);
        if (a.hasAttribute('aria-current')) {
            a.setAttribute('aria-current', 'page');
        }
    }
}

async function navigate() {
    markCurrent();
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
    if (me.role === 'admin') {
        document.getElementById('users-link').hidden = false;
    }
    window.addEventListener('hashchange', navigate);
    await navigate();
    document.body.setAttribute('data-ready', 'true');
}

start();

export { api, h, announce, act, focusOn, view };
