/**
 * The workbench's only script and stylesheet, served as /static/app.js and /static/style.css
 * (kept here as strings: no build step, and the Content-Security-Policy forbids inline script
 * and style). The pages work without the script; it adds: the whole of a task lit when it is
 * picked, a detail box for the mark clicked, filters that search when changed.
 */

export const APP_JS = `'use strict';
(function () {
  var detail = document.getElementById('detail');

  function pieces(id) {
    return document.querySelectorAll('[data-m="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]');
  }

  function light(id) {
    var lit = document.querySelectorAll('.lit');
    for (var i = 0; i < lit.length; i++) lit[i].classList.remove('lit');
    if (!id) return null;
    var all = pieces(id);
    for (var j = 0; j < all.length; j++) all[j].classList.add('lit');
    return all.length ? all[0] : document.getElementById(id);
  }

  function show(el) {
    if (!detail || !el) return;
    var info = el.getAttribute('title') || '';
    if (!info) { detail.hidden = true; return; }
    detail.textContent = '';
    var text = document.createElement('p');
    text.textContent = info;
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = '关闭';
    close.addEventListener('click', function () { detail.hidden = true; });
    detail.appendChild(text);
    var unit = el.getAttribute('data-unit');
    if (unit) {
      var a = document.createElement('a');
      a.href = '/dept?name=' + encodeURIComponent(unit);
      a.textContent = unit + ' 的任务与责任清单 ›';
      detail.appendChild(a);
    }
    detail.appendChild(close);
    detail.hidden = false;
  }

  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = light(id);
    if (el && el.classList && el.classList.contains('m')) show(el);
  }

  document.addEventListener('click', function (e) {
    var t = e.target;
    if (!(t instanceof Element)) return;
    var mark = t.closest('.text .m');
    if (mark) {
      light(mark.getAttribute('data-m'));
      show(mark);
      return;
    }
    var link = t.closest('a[data-target]');
    if (link) {
      var id = link.getAttribute('data-target');
      var el = light(id);
      if (el) {
        e.preventDefault();
        history.replaceState(null, '', '#' + id);
        el.scrollIntoView({ block: 'center' });
        if (el.classList.contains('m')) show(el);
      }
    }
  });
  window.addEventListener('hashchange', fromHash);
  fromHash();

  // Filters of the search form search when changed (with a query to search for).
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

/* document review */
body.doc main { max-width: 1480px; }
.doc-head .notice, .doc-head .meta { margin: .1rem 0; color: var(--soft); }
.inline-search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .6rem 0; }
.inline-search input { width: 18rem; }
.review { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 1.2rem; align-items: start; }
.source { min-width: 0; }
.source-file { color: var(--soft); font-size: .85rem; margin: .2rem 0 .5rem; line-height: 2; }
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
.m-task:target, .m-task.lit { background: #ffe27a; outline: none; box-shadow: 0 2px 0 #d4a000; }
a.warn { color: #c25400; font-weight: 700; padding: 0 .15rem; text-decoration: none; }
a.warn:target { background: #ffd2b3; }
.source-file .m, .source-file .warn { padding: 0 .3rem; }
.panel { position: sticky; top: .5rem; max-height: calc(100vh - 1rem); overflow: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .4rem .9rem .8rem; font-size: .9rem; }
.panel h2 { margin: .4rem 0; }
.panel details { border-top: 1px solid var(--line); padding: .3rem 0; }
.panel summary { cursor: pointer; font-weight: 600; }
.panel ul { list-style: none; padding: 0; margin: .3rem 0; }
.panel li { padding: .25rem 0; border-bottom: 1px dotted #e5e8eb; }
.panel .units { margin-top: .1rem; }
.u { display: inline-block; font-size: .78rem; border-radius: 3px; padding: 0 .3rem; margin: 0 .2rem .1rem 0; }
.u-lead { background: var(--lead); color: var(--lead-ink); }
.u-responsible { background: var(--resp); color: var(--resp-ink); }
.panel .more { font-size: .8rem; }
.unplaced { color: var(--soft); }
.detail { position: fixed; right: 1rem; bottom: 1rem; max-width: 26rem; background: #22303c; color: #fff; padding: .7rem .9rem; border-radius: 6px; box-shadow: 0 4px 18px rgba(0,0,0,.25); z-index: 10; }
.detail p { margin: 0 0 .5rem; }
.detail a { color: #9cc3ff; display: block; margin-bottom: .4rem; }
.detail button { background: #fff; color: #22303c; padding: .15rem .7rem; }

/* department */
.dept-doc { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem 1rem; margin: 1rem 0; }
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
  .line { padding-right: .5rem; }
  .ln { flex-basis: 2.4rem; padding-right: .5rem; }
  main { padding: .6rem .7rem 2rem; }
  .inline-search input { width: 100%; }
  form.search .filters label { flex: 1 1 100%; display: flex; gap: .5rem; align-items: center; min-width: 0; }
  form.search .filters select, form.search .filters input { flex: 1; min-width: 0; width: 100%; max-width: none; }
  form.pick label, form.pick select { width: 100%; min-width: 0; }
  .hit-head { font-size: 1rem; }
  ol.hits { padding-left: 1.4rem; }
}
`;
