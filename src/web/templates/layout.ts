import { type Html, html, type Part } from '../html.js';

export interface PageOptions {
  title: string;
  /** The nav item to mark current. */
  current?: 'search' | 'docs' | 'dept' | 'compare' | 'ingest';
  /** Show the 导入 nav item (the server allows ingest). */
  ingest?: boolean;
  /** A class on <body> (page-specific layout). */
  bodyClass?: string;
}

const NAV: Array<[NonNullable<PageOptions['current']>, string, string]> = [
  ['search', '/', '检索'],
  ['docs', '/docs', '文件'],
  ['dept', '/dept', '部门'],
  ['compare', '/compare', '对照'],
  ['ingest', '/ingest', '导入'],
];

/** The page frame: head (stylesheet and the one script, both static files), top bar, content. */
export function page(options: PageOptions, content: Part): Html {
  const nav = NAV.filter(([key]) => key !== 'ingest' || options.ingest).map(
    ([key, href, label]) => html`<a href="${href}"${key === options.current ? html` aria-current="page"` : ''}>${label}</a>`,
  );
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · 政策文件工作台</title>
<link rel="stylesheet" href="/static/style.css">
<script src="/static/app.js" defer></script>
</head>
<body${options.bodyClass ? html` class="${options.bodyClass}"` : ''}>
<header class="top"><a class="brand" href="/">政策文件工作台</a><nav aria-label="主导航">${nav}</nav></header>
<main id="main">
${content}
</main>
</body>
</html>
`;
}

/** A one-line problem, as the CLI gives it, in a box. */
export function problem(message: Part): Html {
  return html`<p class="problem" role="alert">${message}</p>`;
}
