import type { Element, Properties, Root } from 'hast';
import { Parser } from 'htmlparser2';

/**
 * A saved web page → the hast tree the HTML reader walks, built by htmlparser2's streaming
 * tokenizer instead of parse5 (rehype-parse): about ten times faster on a government page,
 * and without parse5's position info or its second tree. htmlparser2 does not build the tree
 * the HTML standard prescribes for misnested markup (a table inside a paragraph, a <b> left
 * open across paragraphs, text inside a table row, a second <body> …), so every step of the
 * tree construction is checked against what parse5 would do; where they may differ the
 * function returns null and the caller reads the page with rehype-parse, as before. Only the
 * properties the reader looks at are kept (style, align, hidden, colSpan, rowSpan), as
 * rehype gives them.
 */
export function fastTree(html: string): Root | null {
  // parse5 drops NUL characters in most places: leave such pages to it
  if (html.includes('\0')) return null;
  const builder = new Builder();
  const parser = new CheckedParser(builder, html.includes('\r') ? html.replace(/\r\n?/g, '\n') : html);
  try {
    parser.run();
  } catch (error) {
    if (error instanceof Irregular) return null;
    throw error;
  }
  return builder.root;
}

class Irregular extends Error {}
const irregular = (): never => {
  throw new Irregular();
};

// ---------------------------------------------------------------- what the HTML standard says (parse5)

const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
const SCOPE = new Set([
  'applet',
  'caption',
  'html',
  'table',
  'td',
  'th',
  'marquee',
  'object',
  'template',
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignObject',
  'desc',
  'title',
]);
const BUTTON_SCOPE = new Set([...SCOPE, 'button']);
const LIST_SCOPE = new Set([...SCOPE, 'ol', 'ul']);
const TABLE_SCOPE = new Set(['html', 'table', 'template']);
const SPECIAL = new Set([
  'address',
  'applet',
  'area',
  'article',
  'aside',
  'base',
  'basefont',
  'bgsound',
  'blockquote',
  'body',
  'br',
  'button',
  'caption',
  'center',
  'col',
  'colgroup',
  'dd',
  'details',
  'dir',
  'div',
  'dl',
  'dt',
  'embed',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'frame',
  'frameset',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'header',
  'hgroup',
  'hr',
  'html',
  'iframe',
  'img',
  'input',
  'keygen',
  'li',
  'link',
  'listing',
  'main',
  'marquee',
  'menu',
  'meta',
  'nav',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'ol',
  'p',
  'param',
  'plaintext',
  'pre',
  'script',
  'search',
  'section',
  'select',
  'source',
  'style',
  'summary',
  'table',
  'tbody',
  'td',
  'template',
  'textarea',
  'tfoot',
  'th',
  'thead',
  'title',
  'tr',
  'track',
  'ul',
  'wbr',
  'xmp',
]);
/** Start tags that close an open <p> (in button scope) first; <table> too, outside quirks mode. */
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'header',
  'hgroup',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'search',
  'section',
  'summary',
  'ul',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'listing',
  'form',
  'hr',
  'xmp',
  'li',
  'dd',
  'dt',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** End tags of blocks that close everything open inside them when they are in scope. */
const BLOCK_END = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'button',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'header',
  'hgroup',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'pre',
  'search',
  'section',
  'summary',
  'ul',
]);
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const IN_HEAD = new Set(['base', 'basefont', 'bgsound', 'link', 'meta', 'title', 'noscript', 'noframes', 'style', 'script']);
const IN_TABLE = new Set(['caption', 'colgroup', 'col', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'script', 'style']);
/** Elements whose content is text, never markup (htmlparser2 and parse5 alike). */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes']);
const TABLE_CONTEXT = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr']);
/** Elements parse5 treats in ways not checked here: the page goes to parse5. */
const UNCHECKED = new Set([
  'math',
  'template',
  'frameset',
  'frame',
  'plaintext',
  'marquee',
  'applet',
  'nobr',
  'isindex',
  'keygen',
  'bgsound',
  'ruby',
  'rb',
  'rp',
  'rt',
  'rtc',
]);
/** Where an open <a> stops being closed by a new one (parse5's formatting markers). */
const A_SCOPE = new Set(['td', 'th', 'caption', 'object', 'applet', 'marquee', 'template', 'html']);
/** HTML start tags that leave SVG content in parse5 (htmlparser2 keeps them inside the <svg>). */
const SVG_BREAKOUT = new Set([
  'b',
  'big',
  'blockquote',
  'body',
  'br',
  'center',
  'code',
  'dd',
  'div',
  'dl',
  'dt',
  'em',
  'embed',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'hr',
  'i',
  'img',
  'li',
  'listing',
  'menu',
  'meta',
  'nobr',
  'ol',
  'p',
  'pre',
  'ruby',
  's',
  'small',
  'span',
  'strong',
  'strike',
  'sub',
  'sup',
  'table',
  'tt',
  'u',
  'ul',
  'var',
  'font',
]);

type Mode = 'quirks' | 'standards' | 'unknown';

/** Document mode from the DOCTYPE, as far as it decides whether <table> closes a <p>. */
function modeOf(doctype: string | null): Mode {
  if (doctype === null) return 'quirks';
  const m = /^!doctype\s+(\S+?)(?:\s+public\s+(?:"([^"]*)"|'([^']*)'))?(?:\s+(?:system\s+)?(?:"([^"]*)"|'([^']*)'))?\s*$/i.exec(doctype.trim());
  if (m?.[1].toLowerCase() !== 'html') return 'unknown';
  const publicId = (m[2] ?? m[3])?.toLowerCase();
  const systemId = m[4] ?? m[5];
  if (publicId === undefined) return systemId === undefined || systemId === 'about:legacy-compat' ? 'standards' : 'unknown';
  if (publicId.startsWith('-//w3c//dtd xhtml 1.0 ') || publicId.startsWith('-//w3c//dtd xhtml 1.1')) return 'standards';
  if (publicId.startsWith('-//w3c//dtd html 4.01//')) return 'standards';
  if (publicId.startsWith('-//w3c//dtd html 4.01 transitional//') || publicId.startsWith('-//w3c//dtd html 4.01 frameset//'))
    return systemId ? 'standards' : 'quirks';
  return 'unknown';
}

// ---------------------------------------------------------------- the tree

class Builder {
  readonly root: Root = { type: 'root', children: [] };
  /** Open elements, the innermost last (htmlparser2's stack, mirrored). */
  readonly open: (Root | Element)[] = [this.root];
  /** Elements htmlparser2 closed without an end tag since the last check. */
  implied: string[] = [];
  ending = false;

  top(): Root | Element {
    return this.open[this.open.length - 1];
  }

  openTag(name: string, attribs: Record<string, string>): void {
    const properties: Properties = {};
    if (attribs.style !== undefined) properties.style = attribs.style;
    if (attribs.align !== undefined) properties.align = attribs.align;
    if (attribs.hidden !== undefined) properties.hidden = attribs.hidden;
    if (attribs.colspan !== undefined) properties.colSpan = attribs.colspan;
    if (attribs.rowspan !== undefined) properties.rowSpan = attribs.rowspan;
    const el: Element = { type: 'element', tagName: name, properties, children: [] };
    this.top().children.push(el);
    this.open.push(el);
  }

  closeTag(name: string, implied: boolean): void {
    const el = this.open.pop() as Element;
    if (el.tagName !== name) irregular();
    if (implied && !this.ending && !VOID.has(name)) this.implied.push(name);
  }

  text(data: string): void {
    const children = this.top().children;
    const last = children[children.length - 1];
    if (last?.type === 'text') last.value += data;
    else children.push({ type: 'text', value: data });
  }
}

/**
 * htmlparser2's Parser, each tag checked before it acts on it: the number of elements it
 * closes must be the number parse5 closes, and the element must go where parse5 puts it.
 */
class CheckedParser extends Parser {
  private doctype: string | null = null;
  private seen = false; // an element or text before: a later DOCTYPE, <html> or <head> does not count
  private seenHead = false;
  private seenBody = false;
  private afterBody = false;
  /** A <noscript> in the head (parse5 reads it without scripting: text in it starts the body). */
  private headNoscript = false;
  private expectPops = 0;

  constructor(
    private readonly b: Builder,
    private readonly html: string,
  ) {
    super(
      {
        onopentag: (name, attribs) => {
          this.b.openTag(name, attribs);
        },
        onclosetag: (name, implied) => this.b.closeTag(name, implied),
        ontext: (data) => this.onText(data),
        onprocessinginstruction: (name, data) => {
          if (name === '!doctype' && !this.seen && this.doctype === null) this.doctype = data;
        },
      },
      { decodeEntities: true },
    );
  }

  run(): void {
    this.write(this.html);
    this.b.ending = true;
    this.end();
  }

  private names(): string[] {
    const names: string[] = [];
    for (let i = this.b.open.length - 1; i > 0; i--) names.push((this.b.open[i] as Element).tagName);
    return names; // innermost first
  }

  /** Depth (0 = current node) of the nearest `name` within `scope`, or -1. */
  private static inScope(stack: string[], test: (n: string) => boolean, scope: ReadonlySet<string>): number {
    for (let i = 0; i < stack.length; i++) {
      if (test(stack[i])) return i;
      if (scope.has(stack[i])) return -1;
    }
    return -1;
  }

  private onText(data: string): void {
    if (/[^\t\n\f\r ]/.test(data)) {
      const stack = this.names();
      const top = stack[0];
      // the text of a script, a style or a title is no page text wherever it is
      if (top === undefined || !RAW_TEXT.has(top)) {
        // text in a table but outside its cells is moved before the table by parse5
        if (top !== undefined && TABLE_CONTEXT.has(top)) irregular();
        // text in <head> ends it and starts the body
        if (stack.includes('head') || this.headNoscript) irregular();
        if (this.afterBody) irregular();
        this.seenBody = true;
      }
      this.seen = true;
    }
    this.b.text(data);
  }

  override onopentagname(start: number, endIndex: number): void {
    let name = this.html.slice(start, endIndex).toLowerCase();
    const stack = this.names();
    if (name === 'image' && !stack.includes('svg')) name = 'img';
    if (name === 'form' && stack.includes('form')) {
      // ignored by both
      super.onopentagname(start, endIndex);
      return;
    }
    this.expectPops = this.startTagPops(name, stack);
    this.b.implied = [];
    super.onopentagname(start, endIndex);
    if (this.b.implied.length !== this.expectPops) irregular();
    if (name !== 'html' && name !== 'head' && !(stack.includes('head') && IN_HEAD.has(name))) this.seen = true;
  }

  /** How many open elements parse5 closes before it inserts `name` where htmlparser2 does; irregular where they differ otherwise. */
  private startTagPops(name: string, stack: string[]): number {
    const top = stack[0];
    if (UNCHECKED.has(name)) irregular();
    if (this.afterBody && !(name === 'script' || name === 'style' || name === 'link' || name === 'meta')) irregular();
    if (stack.includes('svg')) {
      // inside an SVG image (never text): only the tags that would leave it matter
      if (SVG_BREAKOUT.has(name)) irregular();
      return 0;
    }
    if (stack.includes('select')) {
      // a list box: parse5 keeps only its options
      if (name === 'option') return top === 'option' ? 1 : 0;
      if (name === 'optgroup') {
        const pops = top === 'option' ? 1 : 0;
        return stack[pops] === 'optgroup' ? pops + 1 : pops;
      }
      return irregular();
    }
    if (name === 'option' || name === 'optgroup') return top === 'option' ? 1 : 0;
    if (name === 'html') {
      if (this.seen || stack.length > 0) irregular();
      return 0;
    }
    if (this.headNoscript) {
      if (name === 'link' || name === 'meta' || name === 'style' || name === 'noframes') return 0;
      irregular();
    }
    if (name === 'noscript' && (stack.includes('head') || (!this.seenBody && stack.every((n) => n === 'html')))) this.headNoscript = true;
    const head = stack.indexOf('head');
    if (name === 'head') {
      if (this.seenHead || this.seenBody || stack.some((n) => n !== 'html')) irregular();
      this.seenHead = true;
      return 0;
    }
    if (head >= 0) {
      // inside <head>: only what parse5 keeps there
      if (name === 'body') {
        this.seenBody = true;
        return head + 1;
      }
      if (!IN_HEAD.has(name) || (stack.includes('noscript') && !['link', 'meta', 'style', 'noframes'].includes(name))) irregular();
      return 0;
    }
    if (name === 'body') {
      if (this.seenBody || stack.some((n) => n !== 'html')) irregular();
      this.seenBody = true;
      return 0;
    }
    if (!IN_HEAD.has(name) || stack.length > 1) this.seenBody = true;
    // in a table (not in a cell): parse5 moves other elements before the table
    if (top !== undefined && TABLE_CONTEXT.has(top) && !IN_TABLE.has(name)) irregular();
    if (name === 'td' || name === 'th') {
      if (top === 'tr') return 0;
      if (top === 'td' || top === 'th') return 1;
      return irregular();
    }
    if (name === 'tr') {
      if (top === 'table' || top === 'tbody' || top === 'thead' || top === 'tfoot') return 0;
      if (top === 'tr') return 1;
      if ((top === 'td' || top === 'th') && stack[1] === 'tr') return 2;
      return irregular();
    }
    if (name === 'tbody' || name === 'thead' || name === 'tfoot' || name === 'caption' || name === 'colgroup') {
      if (top === 'table') return 0;
      if (name !== 'caption' && name !== 'colgroup' && (top === 'tbody' || top === 'thead') && name !== 'thead') return 1;
      return irregular();
    }
    if (name === 'col') {
      if (top === 'table' || top === 'colgroup') return 0;
      return irregular();
    }
    if (name === 'a') {
      // an open <a> (not behind a cell) is closed by parse5's adoption agency
      const a = CheckedParser.inScope(stack, (n) => n === 'a', A_SCOPE);
      if (a === 0) return 1;
      if (a > 0) irregular();
      return 0;
    }
    if (name === 'button' && stack.includes('button')) irregular();
    if (name === 'select' || name === 'input' || name === 'textarea' || name === 'button' || name === 'datalist' || name === 'output') {
      // htmlparser2 closes form controls left open at the top; parse5 does not
      if (top !== undefined && ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'].includes(top)) irregular();
      return 0;
    }
    let pops = 0;
    let rest = stack;
    if (name === 'li' || name === 'dd' || name === 'dt') {
      const same = name === 'li' ? (n: string) => n === 'li' : (n: string) => n === 'dd' || n === 'dt';
      for (let i = 0; i < stack.length; i++) {
        if (same(stack[i])) {
          pops = i + 1;
          break;
        }
        if (SPECIAL.has(stack[i]) && stack[i] !== 'address' && stack[i] !== 'div' && stack[i] !== 'p') break;
      }
      rest = stack.slice(pops);
    }
    if (CLOSES_P.has(name) || name === 'table') {
      const p = CheckedParser.inScope(rest, (n) => n === 'p', BUTTON_SCOPE);
      if (p >= 0) {
        let closes = true;
        if (name === 'table') {
          // only outside quirks mode (a page without a DOCTYPE keeps its table inside the paragraph)
          const mode = modeOf(this.doctype);
          if (mode === 'unknown') irregular();
          closes = mode === 'standards';
        }
        if (closes) {
          pops += p + 1;
          rest = rest.slice(p + 1);
        }
      }
    }
    if (HEADINGS.has(name) && rest[0] !== undefined && HEADINGS.has(rest[0])) pops += 1;
    // the elements closed must not include formatting elements parse5 would open again
    for (let i = 0; i < pops; i++) if (FORMATTING.has(stack[i])) irregular();
    return pops;
  }

  override onclosetag(start: number, endIndex: number): void {
    const name = this.html.slice(start, endIndex).toLowerCase();
    const stack = this.names();
    if (stack.includes('svg')) {
      // inside an SVG image: only the tags that would leave it matter
      if (name === 'p' || name === 'br') irregular();
      super.onclosetag(start, endIndex);
      return;
    }
    const h2 = VOID.has(name) ? (name === 'br' ? 'br' : 0) : stack.indexOf(name) + 1 || (name === 'p' ? 'p' : 0);
    const p5 = this.endTagPops(name, stack);
    if (h2 !== p5) irregular();
    // an element made in a table (not in a cell) is moved before it by parse5
    if (typeof h2 === 'string' && stack[0] !== undefined && TABLE_CONTEXT.has(stack[0])) irregular();
    if (typeof h2 === 'number' && h2 > 0) {
      // formatting elements closed by another element's end tag are opened again by parse5
      for (let i = 0; i < h2 - 1; i++)
        if (FORMATTING.has(stack[i]) && !['td', 'th', 'tr', 'tbody', 'thead', 'tfoot', 'table', 'caption', 'body', 'html'].includes(name)) irregular();
    }
    if (name === 'body' || name === 'html') this.afterBody = true;
    if (name === 'noscript') this.headNoscript = false;
    super.onclosetag(start, endIndex);
  }

  /** What parse5 does with an end tag: how many elements it closes, or 'p'/'br' for the element it makes. */
  private endTagPops(name: string, stack: string[]): number | 'p' | 'br' {
    if (stack.includes('select')) {
      if (name === 'select') return stack.indexOf('select') + 1;
      if (name === 'option') return stack[0] === 'option' ? 1 : 0;
      if (name === 'optgroup') return stack[0] === 'optgroup' ? 1 : stack[0] === 'option' && stack[1] === 'optgroup' ? 2 : 0;
      return irregular();
    }
    if (name === 'br') return 'br';
    if (VOID.has(name)) return 0;
    if (name === 'body' || name === 'html') {
      // parse5 closes nothing (what follows is checked instead)
      return stack.indexOf(name) + 1;
    }
    if (name === 'head') return stack.indexOf('head') + 1;
    if (name === 'p') {
      const p = CheckedParser.inScope(stack, (n) => n === 'p', BUTTON_SCOPE);
      return p >= 0 ? p + 1 : 'p';
    }
    if (name === 'td' || name === 'th' || name === 'tr' || name === 'tbody' || name === 'thead' || name === 'tfoot' || name === 'table' || name === 'caption') {
      // parse5 closes the cell and the row first: they are what is above
      const d = CheckedParser.inScope(stack, (n) => n === name, TABLE_SCOPE);
      return d + 1;
    }
    if (HEADINGS.has(name)) {
      const d = CheckedParser.inScope(stack, (n) => HEADINGS.has(n), SCOPE);
      return d >= 0 ? d + 1 : 0;
    }
    if (name === 'li') {
      const d = CheckedParser.inScope(stack, (n) => n === 'li', LIST_SCOPE);
      return d >= 0 ? d + 1 : 0;
    }
    if (name === 'dd' || name === 'dt') {
      const d = CheckedParser.inScope(stack, (n) => n === name, SCOPE);
      return d >= 0 ? d + 1 : 0;
    }
    if (name === 'form') {
      const d = CheckedParser.inScope(stack, (n) => n === 'form', SCOPE);
      if (d > 0) irregular(); // parse5 takes the form out of the stack alone
      return d + 1;
    }
    if (BLOCK_END.has(name) || name === 'select' || name === 'object' || name === 'applet' || name === 'marquee') {
      const d = CheckedParser.inScope(stack, (n) => n === name, name === 'select' ? new Set<string>() : SCOPE);
      return d >= 0 ? d + 1 : 0;
    }
    if (FORMATTING.has(name)) {
      const d = stack.indexOf(name);
      if (d > 0) irregular(); // the adoption agency
      return d + 1;
    }
    // any other end tag: the nearest element of that name, unless a special element comes first
    for (let i = 0; i < stack.length; i++) {
      if (stack[i] === name) return i + 1;
      if (SPECIAL.has(stack[i])) return 0;
    }
    return 0;
  }
}
