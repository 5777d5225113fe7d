/**
 * The workbench's only script and stylesheet, served as /static/app.js and /static/style.css
 * (kept here as strings: no build step, and the Content-Security-Policy forbids inline script
 * and style). The pages work without the script; it adds: the whole of a task lit when it is
 * picked, a detail box for the mark clicked, filters that search when changed.
 */

export const APP_JS = `'use strict';
(function () {
  function esc(s) {
    return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\\\]/g, '\\\\$&');
  }

  // --- the document page: the text and the panel follow each other ---------------------
  var text = document.getElementById('text');
  var panel = document.querySelector('.panel');
  var detail = document.getElementById('detail');
  var roving = null;

  function pieces(id) {
    return document.querySelectorAll('[data-m="' + esc(id) + '"]');
  }

  function light(id) {
    var lit = document.querySelectorAll('.lit');
    for (var i = 0; i < lit.length; i++) lit[i].classList.remove('lit');
    if (!id) return null;
    var all = pieces(id);
    for (var j = 0; j < all.length; j++) all[j].classList.add('lit');
    return all.length ? document.getElementById(id) || all[0] : document.getElementById(id);
  }

  // The detail box: the mark's title is a headline and lines of 名称：值.
  function show(el) {
    if (!detail) return;
    var info = el ? el.getAttribute('title') || '' : '';
    if (!info) { detail.hidden = true; return; }
    var lines = info.split('\\n');
    detail.textContent = '';
    var head = document.createElement('p');
    head.className = 'detail-head';
    head.textContent = lines[0];
    detail.appendChild(head);
    if (lines.length > 1) {
      var dl = document.createElement('dl');
      for (var i = 1; i < lines.length; i++) {
        var at = lines[i].indexOf('：');
        var dt = document.createElement('dt');
        var dd = document.createElement('dd');
        dt.textContent = at > 0 ? lines[i].slice(0, at) : '';
        dd.textContent = at > 0 ? lines[i].slice(at + 1) : lines[i];
        dl.appendChild(dt);
        dl.appendChild(dd);
      }
      detail.appendChild(dl);
    }
    var unit = el.getAttribute('data-unit');
    if (unit) {
      var a = document.createElement('a');
      a.href = '/dept?name=' + encodeURIComponent(unit);
      a.textContent = unit + ' 的任务与责任清单 ›';
      detail.appendChild(a);
    }
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.textContent = '关闭';
    close.addEventListener('click', hide);
    detail.appendChild(close);
    detail.hidden = false;
  }

  function hide() {
    if (detail) detail.hidden = true;
  }

  // The panel's entry for a mark: its own link, else (a unit named again) its unit's entry.
  function entry(el) {
    if (!panel || !el) return null;
    var id = el.getAttribute('data-m') || el.id;
    var a = id ? panel.querySelector('a[data-target="' + esc(id) + '"]') : null;
    if (a) return a.closest('li');
    var unit = el.getAttribute('data-unit');
    return unit ? panel.querySelector('li[data-unit="' + esc(unit) + '"]') : null;
  }

  // Select the entry and scroll the panel (only the panel: the reader keeps their place) to it.
  function choose(li) {
    if (!panel) return;
    var old = panel.querySelectorAll('li.current');
    for (var i = 0; i < old.length; i++) { old[i].classList.remove('current'); old[i].removeAttribute('aria-current'); }
    if (!li) return;
    li.classList.add('current');
    li.setAttribute('aria-current', 'true');
    var group = li.closest('details');
    if (group && !group.open) group.open = true;
    if (panel.scrollHeight <= panel.clientHeight + 1) return;
    var room = detail && !detail.hidden && detail.parentNode === panel ? detail.offsetHeight : 0;
    var top = li.getBoundingClientRect().top - panel.getBoundingClientRect().top;
    if (top < room + 8 || top + li.offsetHeight > panel.clientHeight - 8) {
      panel.scrollTop += top - room - Math.max(8, (panel.clientHeight - room - li.offsetHeight) / 3);
    }
  }

  function isMark(el) {
    return el && el.classList && (el.classList.contains('m') || el.classList.contains('warn'));
  }

  // Keyboard: one mark of the text is in the Tab order (the one last picked); ← → move.
  function rove(el) {
    if (!text || !el || !el.classList.contains('m') || !el.id) return;
    if (roving && roving !== el) roving.setAttribute('tabindex', '-1');
    el.setAttribute('tabindex', '0');
    roving = el;
  }

  function select(id, scroll) {
    var el = light(id);
    if (!el) return null;
    if (isMark(el)) show(el); else hide();
    choose(entry(el));
    rove(el);
    if (scroll) el.scrollIntoView({ block: 'center' });
    return el;
  }

  function setHash(id) {
    if (location.hash !== '#' + id) history.replaceState(null, '', '#' + id);
  }

  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id) select(id, false);
  }

  document.addEventListener('click', function (e) {
    var t = e.target;
    if (!(t instanceof Element)) return;
    var mark = t.closest('.text .m');
    if (mark) {
      var id = mark.getAttribute('data-m');
      select(id, false);
      setHash(id);
      return;
    }
    var link = t.closest('a[data-target]');
    if (link) {
      var target = link.getAttribute('data-target');
      if (select(target, true)) {
        e.preventDefault();
        setHash(target);
      }
    }
  });

  if (text) {
    var first = text.querySelector('.m[id]');
    if (first) rove(first);
    text.addEventListener('keydown', function (e) {
      var cur = e.target;
      if (!(cur instanceof Element) || !cur.classList.contains('m')) return;
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        var all = text.querySelectorAll('.m[id]');
        var i = Array.prototype.indexOf.call(all, cur);
        var next = all[i + (e.key === 'ArrowRight' ? 1 : -1)];
        if (!next) return;
        e.preventDefault();
        select(next.id, false);
        setHash(next.id);
        next.focus();
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        select(cur.id, false);
        setHash(cur.id);
      }
    });
    text.addEventListener('focusin', function (e) {
      var t = e.target;
      if (t instanceof Element && t.classList.contains('m') && t.id && !t.classList.contains('lit')) {
        select(t.id, false);
        setHash(t.id);
      }
    });
  }
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && detail && !detail.hidden) hide();
  });
  window.addEventListener('hashchange', fromHash);
  fromHash();

  // --- the search form: filters search when changed (with a query to search for) ------
  var form = document.querySelector('form.search');
  if (form) {
    var selects = form.querySelectorAll('select');
    for (var k = 0; k < selects.length; k++) {
      selects[k].addEventListener('change', function () {
        var q = form.querySelector('input[name=q]');
        if (q && q.value.trim()) form.submit();
      });
    }
  }

  // --- department boxes: units suggested as one types (GET /units?q=…) -------------
  var boxes = document.querySelectorAll('input[data-suggest]');
  for (var b = 0; b < boxes.length; b++) combobox(boxes[b]);

  function combobox(input) {
    var list = document.getElementById(input.getAttribute('data-suggest'));
    if (!list) return;
    input.setAttribute('role', 'combobox');
    var items = [];
    var active = -1;
    var timer = 0;
    var asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function render(units) {
      list.textContent = '';
      items = [];
      units.forEach(function (u, i) {
        var li = document.createElement('li');
        li.id = list.id + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.setAttribute('data-value', u.name);
        var name = document.createElement('span');
        name.className = 'name';
        name.textContent = u.name;
        li.appendChild(name);
        var note = [u.alias ? '又称 ' + u.alias : '', u.lead ? '牵头 ' + u.lead : '', u.responsible ? '责任 ' + u.responsible : '', u.docs > 1 ? u.docs + ' 份文件' : ''].filter(Boolean).join(' · ');
        if (note) {
          var sub = document.createElement('span');
          sub.className = 'sub';
          sub.textContent = note;
          li.appendChild(sub);
        }
        li.addEventListener('mousedown', function (e) { e.preventDefault(); pick(i); });
        list.appendChild(li);
        items.push(li);
      });
      if (!items.length) { close(); return; }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = -1;
    }

    function ask() {
      var v = input.value.trim();
      var n = ++asked;
      if (!v) { close(); return; }
      var doc = input.form && input.form.querySelector('[name=doc]');
      var url = '/units?q=' + encodeURIComponent(v) + (doc && doc.value ? '&doc=' + encodeURIComponent(doc.value) : '');
      fetch(url, { headers: { accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (units) { if (n === asked && document.activeElement === input) render(units); })
        .catch(close);
    }

    function move(d) {
      if (list.hidden || !items.length) return;
      if (active >= 0) items[active].setAttribute('aria-selected', 'false');
      active = (active + d + items.length + 1) % (items.length + 1);
      if (active === items.length) active = -1;
      if (active < 0) { input.removeAttribute('aria-activedescendant'); return; }
      items[active].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', items[active].id);
      items[active].scrollIntoView({ block: 'nearest' });
    }

    function pick(i) {
      input.value = items[i].getAttribute('data-value');
      close();
      var f = input.form;
      var q = f && f.querySelector('input[name=q]');
      if (f && (!q || q.value.trim())) f.submit();
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 120);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') { e.preventDefault(); if (list.hidden) ask(); else move(1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
      else if (e.key === 'Enter' && !list.hidden && active >= 0) { e.preventDefault(); pick(active); }
      else if (e.key === 'Escape' && !list.hidden) { e.preventDefault(); e.stopPropagation(); close(); }
    });
    input.addEventListener('blur', close);
  }
})();
`;

export const STYLE_CSS = `
:root { --ink: #1d2327; --soft: #5b6670; --line: #d9dee3; --bg: #f6f7f9; --accent: #b3261e; --link: #0b57d0;
  --task: #fff4c2; --lead: #ffd6d1; --lead-ink: #9c1d12; --resp: #d5e6ff; --resp-ink: #0b4aa8; --mention: #e3f3e0; --ind: #efe3ff; --target: #c9f2ef; --ref: #eee; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 15px/1.65 "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", system-ui, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.top { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem 1.5rem; padding: .55rem 1.25rem; background: #22303c; color: #fff; }
.top .brand { color: #fff; font-weight: 700; letter-spacing: .05em; }
.top nav { display: flex; gap: 1rem; flex-wrap: wrap; }
.top nav a { color: #cfd8e0; padding: .1rem 0; }
.top nav a[aria-current] { color: #fff; border-bottom: 2px solid #f0a500; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.45rem; line-height: 1.35; margin: .6rem 0 .4rem; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
.sub { color: var(--soft); font-size: .85em; }
.problem { background: #fdecea; border-left: 4px solid var(--accent); padding: .6rem .8rem; margin: 1rem 0; }
.note { color: var(--soft); }
button, .button { font: inherit; padding: .35rem 1rem; border: 1px solid #22303c; background: #22303c; color: #fff; border-radius: 4px; cursor: pointer; display: inline-block; }
.button.light { background: #fff; color: #22303c; }
.button:hover { text-decoration: none; background: #34495b; color: #fff; }
input, select { font: inherit; padding: .3rem .45rem; border: 1px solid #aab4bd; border-radius: 4px; background: #fff; color: var(--ink); max-width: 100%; }

/* search */
form.search { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .9rem 1rem; margin: .6rem 0 1rem; }
form.search .query { display: flex; gap: .5rem; }
form.search .query input { flex: 1; font-size: 1.1rem; padding: .45rem .6rem; min-width: 0; }
form.search .filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin-top: .7rem; color: var(--soft); font-size: .92rem; }
form.search .filters select { max-width: 22rem; }
form.search .filters label, form.search .filters .field { display: inline-flex; align-items: center; gap: .4rem; }
.combo { position: relative; display: inline-block; }
.suggest-list { position: absolute; left: 0; top: 100%; z-index: 20; min-width: 100%; width: max-content; max-width: min(30rem, 92vw); margin: 2px 0 0; padding: .2rem 0; list-style: none; background: #fff; border: 1px solid #aab4bd; border-radius: 4px; box-shadow: 0 4px 14px rgba(0,0,0,.15); color: var(--ink); font-size: .92rem; }
.suggest-list li { padding: .3rem .7rem; cursor: pointer; }
.suggest-list li .sub { display: block; font-size: .8rem; line-height: 1.3; }
.suggest-list li[aria-selected="true"], .suggest-list li:hover { background: #e3ecfb; }
.summary p { margin: .3rem 0; }
.suggest a { font-weight: 700; }
ol.hits { padding-left: 1.8rem; margin: .5rem 0; }
li.hit { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; margin: 0 0 .7rem; }
li.hit::marker { color: var(--soft); }
.hit-head { font-size: 1.05rem; }
.hit-title { font-weight: 600; }
.kind { display: inline-block; font-size: .78rem; padding: 0 .45rem; border-radius: 3px; background: #e8ecef; color: #33414d; vertical-align: 1px; }
.kind-task { background: var(--task); }
.kind-indicator { background: var(--ind); }
.where { color: var(--soft); font-size: .85rem; }
.snippet { margin: .35rem 0; }
mark { background: #ffe066; color: inherit; padding: 0 1px; border-radius: 2px; }
.units { font-size: .9rem; }
.role { color: var(--soft); }
a.unit-lead { color: var(--lead-ink); }
a.unit-responsible { color: var(--resp-ink); }
.deadline { color: #7a4b00; font-size: .9rem; margin-left: .5rem; }
.pager { display: flex; flex-wrap: wrap; gap: .35rem; margin: 1rem 0; }
.pager a, .pager span { padding: .2rem .6rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
.pager .current { background: #22303c; color: #fff; border-color: #22303c; }
.pager .gap { border: 0; background: none; }

/* lists */
.table-wrap { overflow-x: auto; }
table.list { border-collapse: collapse; width: 100%; background: #fff; }
table.list th, table.list td { border-bottom: 1px solid var(--line); padding: .45rem .6rem; text-align: left; vertical-align: top; }
table.list th { background: #eef1f4; font-weight: 600; white-space: nowrap; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.id { color: var(--soft); font-size: .85em; overflow-wrap: anywhere; }

/* document review */
body.doc main { max-width: 1480px; }
.doc-head .notice, .doc-head .meta { margin: .1rem 0; color: var(--soft); }
.inline-search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .6rem 0; }
.inline-search input { width: 18rem; }
.to-panel { display: none; }
.review { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 1.2rem; align-items: start; }
.source { min-width: 0; }
.source-file { color: var(--soft); font-size: .85rem; margin: .2rem 0 .5rem; line-height: 2; }
.source-file .key { border-radius: 2px; padding: 0 .3rem; }
.source-file .keys { display: block; line-height: 1.5; }
.text { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 0; font-size: 15.5px; line-height: 1.9; }
.line { display: flex; align-items: baseline; padding: 0 1rem 0 0; scroll-margin-top: 40vh; }
.line:target { background: #fff8d6; }
.line.warned { background: #fff5f0; box-shadow: inset 3px 0 0 #e8710a; }
.ln { flex: 0 0 3.2rem; text-align: right; padding-right: .8rem; color: #a0a9b2; font-size: .75rem; font-variant-numeric: tabular-nums; user-select: none; }
.tx { flex: 1; min-width: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.m { border-radius: 2px; scroll-margin-top: 40vh; cursor: pointer; }
.m-task { background: var(--task); box-shadow: 0 1px 0 #e0c861; }
.m-lead { background: var(--lead); color: var(--lead-ink); font-weight: 600; }
.m-responsible { background: var(--resp); color: var(--resp-ink); }
.m-mention { background: var(--mention); border-bottom: 1px dashed #3b8a2e; }
.m-indicator { background: var(--ind); }
.m-target { background: var(--target); border-bottom: 2px solid #14a39a; }
.m-reference { background: var(--ref); border-bottom: 1px solid #888; }
.m:target, .m.lit { outline: 2px solid #f0a500; outline-offset: 1px; }
.m:focus-visible { outline: 3px solid #0b57d0; outline-offset: 1px; }
.m-task:target, .m-task.lit { background: #ffe27a; outline: none; box-shadow: 0 2px 0 #d4a000; }
a.warn { color: #c25400; font-weight: 700; padding: 0 .15rem; text-decoration: none; }
a.warn:target { background: #ffd2b3; }
.source-file .warn { padding: 0 .3rem; }
.panel { position: sticky; top: .5rem; max-height: calc(100vh - 1rem); overflow: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .4rem .9rem .8rem; font-size: .9rem; }
.panel h2 { margin: .4rem 0; }
.panel details { border-top: 1px solid var(--line); padding: .3rem 0; }
.panel summary { cursor: pointer; font-weight: 600; }
.panel ul { list-style: none; padding: 0; margin: .3rem 0; }
.panel li { padding: .25rem .3rem; margin: 0 -.3rem; border-bottom: 1px dotted #e5e8eb; }
.panel li.current { background: #fff3c4; box-shadow: inset 3px 0 0 #f0a500; }
.panel .units { margin-top: .1rem; }
.u { display: inline-block; font-size: .78rem; border-radius: 3px; padding: 0 .3rem; margin: 0 .2rem .1rem 0; }
.u-lead { background: var(--lead); color: var(--lead-ink); }
.u-responsible { background: var(--resp); color: var(--resp-ink); }
.panel .more { font-size: .8rem; }
.unplaced { color: var(--soft); }
.detail { position: sticky; top: -.4rem; z-index: 2; margin: 0 -.9rem .4rem; background: #22303c; color: #fff; padding: .6rem .9rem; border-radius: 5px 5px 0 0; box-shadow: 0 3px 8px rgba(0,0,0,.18); }
.detail .detail-head { margin: 0 0 .35rem; font-weight: 600; }
.detail dl { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: .1rem .7rem; margin: 0 0 .5rem; }
.detail dt { color: #b8c6d3; white-space: nowrap; }
.detail dd { margin: 0; overflow-wrap: anywhere; }
.detail a { color: #9cc3ff; display: block; margin-bottom: .4rem; }
.detail button { background: #fff; color: #22303c; padding: .15rem .7rem; }

/* department */
.overview { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem 1rem; }
.dept-doc { scroll-margin-top: .5rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem 1rem; margin: 1rem 0; }
.actions { display: flex; flex-wrap: wrap; gap: .6rem; margin: .6rem 0; }
ol.tasks { padding-left: 0; list-style: none; }
ol.tasks > li { border-top: 1px solid var(--line); padding: .6rem 0; }
.task-text { margin: .3rem 0; white-space: pre-wrap; }
.badge { display: inline-block; font-size: .78rem; padding: 0 .45rem; border-radius: 3px; }
.badge-lead { background: var(--lead); color: var(--lead-ink); }
.badge-responsible { background: var(--resp); color: var(--resp-ink); }
.mentions li { margin: .3rem 0; }
.unit-index { columns: 3 16rem; padding-left: 1.2rem; }

/* compare */
form.pick { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; }
form.pick label { display: flex; flex-direction: column; font-size: .9rem; color: var(--soft); max-width: 100%; }
.verdict { display: inline-block; font-size: .78rem; padding: 0 .45rem; border-radius: 3px; white-space: nowrap; }
.verdict-counterpart, .status-covered { background: #d8f0d2; color: #1e5e14; }
.verdict-weak, .status-partial { background: #fff0c2; color: #6b4d00; }
.verdict-none, .status-uncovered { background: #fbdcd8; color: #8c1d12; }
.cells { display: inline-flex; gap: 1px; vertical-align: middle; }
.cell { width: .6rem; height: .9rem; display: inline-block; }
.cell-covered { background: #4caf50; } .cell-partial { background: #f2c94c; } .cell-uncovered { background: #e0e0e0; }
table.list td.score { font-variant-numeric: tabular-nums; text-align: right; }

/* ingest */
form.upload { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem; display: flex; flex-wrap: wrap; gap: .8rem; align-items: center; }
ul.results-list li.ok::marker { content: "✓ "; color: #1e7d14; }
ul.results-list li.fail::marker { content: "✗ "; color: var(--accent); }

@media (max-width: 900px) {
  .review { grid-template-columns: 1fr; }
  .panel { position: static; max-height: none; }
  .detail { position: fixed; left: .5rem; right: .5rem; bottom: .5rem; top: auto; margin: 0; max-height: 45vh; overflow: auto; border-radius: 6px; z-index: 10; }
  .combo input { width: 100%; }
  .line { padding-right: .5rem; }
  .ln { flex-basis: 2.4rem; padding-right: .5rem; }
  main { padding: .6rem .7rem 2rem; }
  .inline-search input { width: 100%; }
  .to-panel { display: inline; }
  .keys .kbd { display: none; }
  form.search .filters label { flex: 1 1 100%; display: flex; gap: .5rem; align-items: center; min-width: 0; }
  /* a grid, not a flex row: in a stretched flex item Chromium put the caret back at the start after each inserted character */
  form.search .filters .field { flex: 1 1 100%; display: grid; grid-template-columns: auto minmax(0, 1fr); gap: .5rem; align-items: center; }
  .combo { display: block; }
  form.search .filters select, form.search .filters input { flex: 1; min-width: 0; width: 100%; max-width: none; }
  form.pick label, form.pick select { width: 100%; min-width: 0; }
  .hit-head { font-size: 1rem; }
  ol.hits { padding-left: 1.4rem; }
}

/* a table of many columns on a phone: each row a card, each cell labelled */
@media (max-width: 640px) {
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border-bottom: 1px solid var(--line); padding: .4rem 0; }
  table.stack td { border: 0; padding: .1rem .7rem; text-align: left; }
  table.stack td.n, table.stack td.score { text-align: left; }
  table.stack td.n, table.stack td.score, table.stack td.tag { display: inline-block; width: auto; padding-right: 0; }
  table.stack td[data-label]::before { content: attr(data-label) "："; color: var(--soft); font-size: .85rem; }
  table.stack td.lead-cell { font-size: 1.02rem; }
  table.stack td.lead-cell::before { content: none; }
}
`;
