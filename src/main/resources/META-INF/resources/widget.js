/*
 * Symptom Checker chat widget: <script src="https://HOST/widget.js" defer></script>
 * Plain JavaScript, no dependencies. Everything the service says is rendered as text (textContent); the only
 * links are built from citation URLs with an http or https scheme and the tel: link of the emergency number.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var base = new URL(script && script.src ? script.src : '/widget.js', document.baseURI);
  var origin = base.origin;
  var STORE_KEY = 'symptomChecker.widget.v1';
  var S = {};            // the widget's strings, from prompts/widget/ through the config endpoint
  var emergencyNumber = '';
  var storage = null;    // sessionStorage, localStorage or null
  var state = fresh();   // what is kept across a reload
  var el = {};
  var busy = false;

  function fresh() {
    return { conversationId: null, entries: [], emergency: false, followUps: [], progress: null, open: false };
  }

  function fill(text, values) {
    return String(text).replace(/\{\{(\w+)\}\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m;
    });
  }

  function make(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text != null) { n.textContent = text; }
    return n;
  }

  function button(cls, text, onClick) {
    var b = make('button', cls, text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function safeUrl(u) {
    try {
      var url = new URL(String(u));
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function save() {
    if (!storage) { return; }
    try { storage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* full or blocked: keep going */ }
  }

  function load() {
    if (!storage) { return; }
    try {
      var kept = JSON.parse(storage.getItem(STORE_KEY) || 'null');
      if (kept && Array.isArray(kept.entries)) { state = kept; }
    } catch (e) { /* unreadable: start afresh */ }
  }

  function build() {
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('widget.css', base).href;
    document.head.appendChild(link);

    var root = make('div', 'scw');
    el.launcher = button('scw-launcher', S.open, function () { setOpen(true); });
    el.launcher.setAttribute('aria-haspopup', 'dialog');
    el.launcher.setAttribute('aria-expanded', 'false');

    el.panel = make('section', 'scw-panel');
    el.panel.id = 'scw-panel';
    el.panel.setAttribute('role', 'dialog');
    el.panel.setAttribute('aria-label', S.title);
    el.panel.hidden = true;
    el.launcher.setAttribute('aria-controls', el.panel.id);

    var head = make('div', 'scw-head');
    head.appendChild(make('h2', 'scw-title', S.title));
    el.newButton = button('scw-new', S['new'], newConversation);
    el.deleteButton = button('scw-delete', S['delete'], deleteConversation);
    var close = button('scw-close', '\u00d7', function () { setOpen(false); });
    close.setAttribute('aria-label', S.close);
    head.appendChild(el.newButton);
    head.appendChild(el.deleteButton);
    head.appendChild(close);

    el.alertSlot = make('div');
    el.progress = make('p', 'scw-progress');
    el.progress.hidden = true;

    el.body = make('div', 'scw-body');
    el.disclaimer = make('p', 'scw-disclaimer', fill(S.disclaimer, { number: emergencyNumber }));
    el.log = makeLog();
    el.typing = make('p', 'scw-typing', S.typing);
    el.typing.hidden = true;
    el.body.appendChild(el.disclaimer);
    el.body.appendChild(el.log);
    el.body.appendChild(el.typing);

    el.replies = make('div', 'scw-replies');
    el.form = make('form', 'scw-form');
    el.form.noValidate = true;
    var label = make('label', 'scw-sr', S.input);
    label.htmlFor = 'scw-input';
    el.input = make('input', 'scw-input');
    el.input.id = 'scw-input';
    el.input.type = 'text';
    el.input.autocomplete = 'off';
    el.input.placeholder = S.placeholder;
    el.input.maxLength = 2000;
    el.send = make('button', 'scw-send', S.send);
    el.send.type = 'submit';
    el.form.appendChild(label);
    el.form.appendChild(el.input);
    el.form.appendChild(el.send);
    el.form.addEventListener('submit', function (e) {
      e.preventDefault();
      send(el.input.value);
    });

    el.panel.appendChild(head);
    el.panel.appendChild(el.alertSlot);
    el.panel.appendChild(el.progress);
    el.panel.appendChild(el.body);
    el.panel.appendChild(el.replies);
    el.panel.appendChild(el.form);
    el.panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { setOpen(false); }
    });
    root.appendChild(el.launcher);
    root.appendChild(el.panel);
    document.body.appendChild(root);

    if (window.visualViewport) {
      var fit = function () {
        // keep the panel (and its input) inside the visible area when an on-screen keyboard opens
        el.panel.style.setProperty('--scw-vh', window.visualViewport.height + 'px');
        el.panel.style.setProperty('--scw-top', window.visualViewport.offsetTop + 'px');
      };
      window.visualViewport.addEventListener('resize', fit);
      window.visualViewport.addEventListener('scroll', fit);
      fit();
    }
  }

  function setOpen(open) {
    state.open = open;
    el.panel.hidden = !open;
    el.launcher.hidden = open;
    el.launcher.setAttribute('aria-expanded', String(open));
    save();
    if (open) {
      el.input.focus();
      scrollDown();
    } else {
      el.launcher.focus();
    }
  }

  function scrollDown() {
    el.body.scrollTop = el.body.scrollHeight;
  }

  // the transcript: a polite live region that announces what is added to it
  function makeLog() {
    var log = make('div', 'scw-log');
    log.setAttribute('role', 'log');
    log.setAttribute('aria-live', 'polite');
    log.setAttribute('aria-relevant', 'additions');
    return log;
  }

  function renderEntry(entry, into) {
    var box = make('div', 'scw-msg ' + (entry.role === 'user' ? 'scw-user' : entry.role === 'note' ? 'scw-note' : 'scw-bot'));
    if (entry.role === 'user') {
      // the person's own words are not news to them: only replies and notes are announced
      box.setAttribute('aria-live', 'off');
    }
    if (entry.role !== 'note') {
      box.appendChild(make('span', 'scw-sr', (entry.role === 'user' ? S.you : S.assistant) + ': '));
    }
    box.appendChild(make('p', null, entry.text));
    var cites = Array.isArray(entry.citations) ? entry.citations : [];
    if (cites.length) {
      var list = make('ol');
      list.setAttribute('aria-label', S.sources);
      cites.forEach(function (c) {
        var item = make('li');
        var title = String(c && (c.title || c.url) || '');
        var href = c && safeUrl(c.url);
        if (href) {
          var a = make('a', null, title);
          a.href = href;
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          item.appendChild(a);
        } else {
          item.textContent = title;
        }
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    (into || el.log).appendChild(box);
  }

  // Thumbs up or down on the last answer (one with sources): the vote is about that answer only, so an older
  // answer's buttons go when a new message is sent. The content team sees the down-voted ones, redacted.
  function renderVote(log) {
    log = log || el.log;
    Array.prototype.forEach.call(log.querySelectorAll('.scw-vote'), function (v) { v.parentNode.removeChild(v); });
    var last = state.entries[state.entries.length - 1];
    var box = log.lastElementChild;
    if (!last || last.role !== 'bot' || !(last.citations || []).length || !state.conversationId || !box || last.voted) { return; }
    var vote = make('div', 'scw-vote');
    vote.setAttribute('role', 'group');
    vote.setAttribute('aria-label', S.feedback);
    [['up', S.helpful], ['down', S.unhelpful]].forEach(function (v) {
      vote.appendChild(button('scw-vote-' + v[0], v[1], function () {
        Array.prototype.forEach.call(vote.querySelectorAll('button'), function (b) { b.disabled = true; });
        post('/api/v1/feedback', JSON.stringify({ conversationId: state.conversationId, vote: v[0] }), 'application/json')
          .then(function (r) {
            if (!r.ok) { throw new Error('HTTP ' + r.status); }
            last.voted = v[0];
            save();
            vote.textContent = S.thanks;
          }).catch(function () {
            Array.prototype.forEach.call(vote.querySelectorAll('button'), function (b) { b.disabled = false; });
          });
      }));
    });
    box.appendChild(vote);
  }

  function renderBanner() {
    if (!state.emergency || el.alertSlot.firstChild) { return; }
    var banner = make('div', 'scw-alert');
    banner.setAttribute('role', 'alert');
    banner.appendChild(make('span', null, fill(S.emergency, { number: emergencyNumber }) + ' '));
    var call = make('a', null, fill(S.call, { number: emergencyNumber }));
    call.href = 'tel:' + emergencyNumber.replace(/[^0-9+]/g, '');
    banner.appendChild(call);
    el.alertSlot.appendChild(banner);
  }

  function renderChrome() {
    el.disclaimer.hidden = false;
    el.deleteButton.hidden = !state.conversationId;
    var p = state.progress;
    el.progress.hidden = !p;
    el.progress.textContent = p ? fill(S.progress, { step: p.step, of: p.of }) : '';
    el.replies.textContent = '';
    (state.followUps || []).forEach(function (f) {
      (f.options || []).forEach(function (option) {
        el.replies.appendChild(button('scw-reply', String(option), function () { send(String(option)); }));
      });
    });
    el.replies.hidden = !el.replies.firstChild;
    renderBanner();
  }

  function renderAll() {
    // restoring a kept transcript is not news: it is built in a new log, off the page, which then takes the
    // old one's place (what a live region holds when it appears is not announced; only later additions are)
    var log = makeLog();
    state.entries.forEach(function (entry) { renderEntry(entry, log); });
    renderVote(log);
    el.body.replaceChild(log, el.log);
    el.log = log;
    el.alertSlot.textContent = '';
    renderChrome();
  }

  function add(entry) {
    state.entries.push(entry);
    renderEntry(entry);
    renderVote();
    scrollDown();
  }

  function setBusy(b) {
    busy = b;
    el.typing.hidden = !b;
    el.send.disabled = b;
    el.replies.querySelectorAll('button').forEach(function (x) { x.disabled = b; });
  }

  function post(path, body, accept) {
    return fetch(origin + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': accept },
      body: body,
      credentials: 'omit'
    });
  }

  // The reply as server-sent events: each sentence (checked by the service before it is sent) is shown as it
  // comes, then the 'reply' event carries the whole reply. A service without the stream (404, 405, 406, 415: the
  // message was refused unread) is asked the plain way. A message refused for load (503) or over a rate limit
  // (429) was not kept either: it is sent once more after the wait the service names in Retry-After, when that is
  // at most RETRY_MAX_SECONDS. Any other failure is an error, never a second send.
  var RETRY_MAX_SECONDS = 10;

  function ask(body, resent) {
    return post('/api/v1/chat/stream', body, 'text/event-stream').then(function (r) {
      if ([404, 405, 406, 415].indexOf(r.status) >= 0) {
        return post('/api/v1/chat', body, 'application/json').then(function (p) {
          if (!p.ok) { return sendAgain(p, body, resent); }
          return p.json();
        });
      }
      if (!r.ok || !r.body) { return sendAgain(r, body, resent); }
      return readEvents(r.body.getReader());
    });
  }

  // A refused message asked again after the wait Retry-After names (the typing line saying so), when it was refused for
  // load or a rate limit, not sent again before, and the wait is short; any other refusal is an error.
  function sendAgain(r, body, resent) {
    var seconds = parseInt(r.headers.get('Retry-After'), 10);
    if (isNaN(seconds) || seconds < 1) { seconds = 1; }
    if (resent || (r.status !== 503 && r.status !== 429) || seconds > RETRY_MAX_SECONDS) {
      throw new Error('HTTP ' + r.status);
    }
    el.typing.textContent = S.busy || S.typing;
    return new Promise(function (done) { setTimeout(done, seconds * 1000); }).then(function () {
      el.typing.textContent = S.typing;
      return ask(body, true);
    });
  }

  function readEvents(reader) {
    var decoder = new TextDecoder(), buffer = '', reply = null;
    function pump() {
      return reader.read().then(function (chunk) {
        buffer = (buffer + decoder.decode(chunk.value || new Uint8Array(0), { stream: !chunk.done })).replace(/\r\n/g, '\n');
        var blocks = buffer.split('\n\n');
        buffer = chunk.done ? '' : blocks.pop();
        blocks.forEach(function (block) {
          var name = 'message', data = [];
          block.split('\n').forEach(function (line) {
            var at = line.indexOf(':'), field = at < 0 ? line : line.slice(0, at);
            var value = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
            if (field === 'event') { name = value; }
            if (field === 'data') { data.push(value); }
          });
          if (!data.length) { return; }
          var event = JSON.parse(data.join('\n'));
          if (name === 'sentence') { draft(String(event.text || '')); }
          if (name === 'reply') { reply = event; }
        });
        if (!chunk.done) { return pump(); }
        if (!reply) { throw new Error('the stream ended without its reply'); }
        return reply;
      });
    }
    return pump();
  }

  // The reply's sentences as they come, shown beside the log, not in it, and hidden from screen readers: the log (the
  // one live region) gets the whole reply once, with its sources, so it is announced once, not once per sentence.
  function draft(text) {
    if (!el.draft) {
      el.draft = make('div', 'scw-msg scw-draft');
      el.draft.setAttribute('aria-hidden', 'true');
      el.draft.appendChild(make('p', null, ''));
      el.body.insertBefore(el.draft, el.typing);
      el.typing.hidden = true;
    }
    el.draft.firstChild.textContent += text;
    scrollDown();
  }

  function dropDraft() {
    if (el.draft) {
      el.body.removeChild(el.draft);
      el.draft = null;
    }
  }

  function send(text) {
    text = String(text || '').trim();
    if (!text || busy) { return; }
    el.input.value = '';
    add({ role: 'user', text: text });
    state.followUps = [];
    renderChrome();
    save();
    setBusy(true);
    scrollDown();
    var body = { message: text, channel: 'web' };
    if (state.conversationId) { body.conversationId = state.conversationId; }
    ask(JSON.stringify(body)).then(function (reply) {
      state.conversationId = reply.conversationId || state.conversationId;
      var level = reply.triage && reply.triage.level;
      if (level === 'EMERGENCY' || level === 'URGENT') { state.emergency = true; }
      var iv = reply.interview;
      state.progress = iv && !iv.done && iv.step && iv.of ? { step: iv.step, of: iv.of } : null;
      state.followUps = Array.isArray(reply.followUps) ? reply.followUps : [];
      dropDraft();
      add({ role: 'bot', text: String(reply.reply || ''), citations: Array.isArray(reply.citations) ? reply.citations : [] });
    }).catch(function () {
      // never sent again on its own: the service may have taken the message before the stream broke
      dropDraft();
      add({ role: 'note', text: S.error });
    }).then(function () {
      setBusy(false);
      renderChrome();
      save();
      scrollDown();
      el.input.focus();
    });
  }

  function newConversation() {
    var open = state.open;
    state = fresh();
    state.open = open;
    save();
    renderAll();
    el.input.focus();
  }

  function deleteConversation() {
    var id = state.conversationId;
    var done = function () {
      newConversation();
      add({ role: 'note', text: S.deleted });
      state.entries = [];
      save();
    };
    if (!id) { done(); return; }
    fetch(origin + '/api/v1/conversations/' + encodeURIComponent(id), { method: 'DELETE', credentials: 'omit' })
      .then(function (r) {
        if (!r.ok && r.status !== 404) { throw new Error('HTTP ' + r.status); }
        done();
      }).catch(function () {
        add({ role: 'note', text: S.error });
      });
  }

  function start(config) {
    S = config.strings || {};
    emergencyNumber = String(config.emergencyNumber || '');
    try {
      storage = config.storage === 'local' ? window.localStorage : config.storage === 'session' ? window.sessionStorage : null;
    } catch (e) {
      storage = null;
    }
    load();
    build();
    renderAll();
    if (state.open) {
      el.panel.hidden = false;
      el.launcher.hidden = true;
      el.launcher.setAttribute('aria-expanded', 'true');
      scrollDown();
    }
  }

  fetch(origin + '/api/v1/widget/config', { credentials: 'omit' })
    .then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    })
    .then(start)
    .catch(function (e) {
      if (window.console) { window.console.warn('Symptom Checker widget: no configuration (' + e.message + ')'); }
    });
}());
