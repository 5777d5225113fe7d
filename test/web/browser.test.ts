import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serve } from '../../src/web/server.js';
import { makeWebData, ROOT, type WebData } from '../helpers/web.js';

/**
 * The workbench in a real browser: Debian's Chromium driven by playwright-core, one launch
 * for all. Skipped where no Chromium is installed (/usr/bin/chromium, or CHROMIUM_PATH);
 * .ci/run installs it, so CI runs them. Screenshots go to test-artifacts/ (outside git).
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const available = existsSync(CHROMIUM);

describe.skipIf(!available)('web workbench in Chromium', () => {
  let data: WebData;
  let server: RunningServer;
  let browser: Browser;
  const dialogs: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    [data, browser] = await Promise.all([makeWebData(), chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] })]);
    server = await serve({ dataDir: data.dir, port: 0 });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await data?.cleanup();
  });

  async function open(width = 1280, height = 800): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    return page;
  }

  const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });

  it("search, click a hit: the document page shows the task's span lit, in view", async () => {
    const page = await open();
    await page.goto(`${server.url}/?q=${encodeURIComponent('随迁子女')}&doc=${data.docs.wuxi.id}`);
    await shot(page, 'search-1280');
    await page.click('a.hit-title');
    await page.waitForURL(/#task-11$/);
    const span = page.locator('#task-11');
    await expect.poll(() => span.evaluate((el) => el.classList.contains('lit'))).toBe(true);
    expect(await page.evaluate<string>('getComputedStyle(document.getElementById("task-11")).backgroundColor')).toBe('rgb(255, 226, 122)');
    const box = (await span.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(800);
    // the unit marks inside it carry what was extracted
    expect(await page.locator('#task-11 .m-lead').first().getAttribute('title')).toMatch(/^县人力社保局 · 牵头/);
    await shot(page, 'document-1280');
    // a click on a unit in the text opens the detail box
    await page.locator('#task-11 .m-lead').first().click();
    await expect.poll(() => page.locator('#detail').isVisible()).toBe(true);
    expect(await page.locator('#detail').textContent()).toContain('县人力社保局');
    await page.close();
  });

  it("the panel follows the text: a clicked unit selects its entry, in the panel's view, with what was extracted; a panel entry scrolls to its span; ← → walk the marks", async () => {
    const page = await open();
    const wuxi = data.docs.wuxi.id;
    await page.goto(`${server.url}/doc/${wuxi}#task-20`);
    const panel = page.locator('aside.panel');
    const current = panel.locator('li.current');
    // a unit far down the panel's list: its entry selected and scrolled into the panel's view
    const unit = page.locator('#task-20 .m-lead').first();
    const name = (await unit.getAttribute('data-unit'))!;
    await unit.click();
    await expect.poll(() => current.getAttribute('data-unit')).toBe(name);
    const inView = () =>
      current.evaluate((li) => {
        const p = li.closest('.panel')!.getBoundingClientRect();
        const r = li.getBoundingClientRect();
        return r.top >= p.top && r.bottom <= p.bottom;
      });
    expect(await inView()).toBe(true);
    const fields = await page.locator('#detail dt').allTextContents();
    expect(fields).toEqual(expect.arrayContaining(['规范名称', '角色', '任务']));
    expect(await page.locator('#detail dd').allTextContents()).toContain(name);
    expect(page.url()).toMatch(/#u-\d+$/);
    // a target: figure, comparator, year
    await page.locator('#text .m-target').first().click();
    expect(await page.locator('#detail dt').allTextContents()).toEqual(expect.arrayContaining(['数值', '比较', '年份']));
    expect(await current.locator('a').getAttribute('data-target')).toBe(await page.locator('#text .m-target').first().getAttribute('id'));
    await shot(page, 'document-detail-1280');
    // a panel entry: its span lit and in view
    await panel.locator('a[data-target="task-3"]').click();
    const span = page.locator('#task-3');
    await expect.poll(() => span.evaluate((el) => el.classList.contains('lit'))).toBe(true);
    const box = (await span.boundingBox())!;
    expect(box.y + box.height).toBeGreaterThan(0);
    expect(box.y).toBeLessThan(800);
    // keyboard: the picked mark is in the Tab order; → moves to the next mark and selects it
    await span.focus();
    await page.keyboard.press('ArrowRight');
    const next = await page.evaluate<string | undefined>('document.activeElement?.id');
    expect(next).toMatch(/^u-\d+$/);
    expect(page.url()).toContain(`#${next}`);
    expect(await page.locator('#detail').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('#detail').isVisible()).toBe(false);
    await page.close();
  });

  it('the department box suggests units as one types: traditional script, a short form; ↓ Enter picks and searches', async () => {
    const page = await open(390, 844);
    await page.goto(`${server.url}/?q=${encodeURIComponent('建设')}&doc=${data.docs.wuxi.id}`);
    const box = page.locator('#dept');
    await box.click();
    await page.keyboard.type('發改');
    const options = page.locator('#dept-list [role=option]');
    await expect.poll(() => options.first().getAttribute('data-value')).toBe('县发展改革委');
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await shot(page, 'search-suggest-390');
    await box.fill('');
    await page.keyboard.type('住建委');
    await expect.poll(() => options.first().getAttribute('data-value')).toBe('县住房城乡建委');
    await page.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe('dept-list-0');
    await Promise.all([page.waitForURL(/[?&]dept=/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).searchParams.get('dept')).toBe('县住房城乡建委');
    expect(await page.locator('li.hit').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('keyboard: Tab reaches the query box, Enter searches', async () => {
    const page = await open();
    await page.goto(`${server.url}/`);
    let tabs = 0;
    while ((await page.evaluate<string | undefined>('document.activeElement?.id')) !== 'q' && tabs < 10) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('q');
    await page.keyboard.type('宅基地');
    await Promise.all([page.waitForURL(/[?&]q=/), page.keyboard.press('Enter')]);
    expect(decodeURIComponent(page.url())).toContain('q=宅基地');
    expect(await page.locator('li.hit').count()).toBeGreaterThan(0);
    expect(await page.locator('li.hit mark').first().textContent()).toBe('宅基地');
    await page.close();
  });

  it('a hostile document runs no script', async () => {
    const page = await open();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/doc/${data.docs.hostile.id}`);
    await page.goto(`${server.url}/?q=${encodeURIComponent('建设')}&doc=${data.docs.hostile.id}`);
    await page.goto(`${server.url}/docs`);
    await page.goto(`${server.url}/dept?name=${encodeURIComponent('交通局')}&doc=${data.docs.hostile.id}`);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.goto(`${server.url}/doc/${data.docs.hostile.id}`);
    // the only script is the workbench's own; the text's tags are text
    expect(await page.evaluate<Array<string | null>>('[...document.scripts].map((s) => s.getAttribute("src"))')).toEqual(['/static/app.js']);
    expect(await page.locator('img, svg, #text b').count()).toBe(0);
    expect(await page.locator('#text').textContent()).toContain('<script>alert(2)</script>');
    await page.close();
  });

  it('screenshots at 1280×800 and 390×844', async () => {
    const wuxi = data.docs.wuxi.id;
    const pages: Array<[string, string]> = [
      ['search', `/?q=${encodeURIComponent('宅基地')}`],
      ['document', `/doc/${wuxi}#task-8`],
      ['department', `/dept?name=${encodeURIComponent('交通局')}&doc=${wuxi}`],
      ['compare', `/compare?a=${data.docs.qingxi.id}&b=${data.docs.yunchuan.id}`],
    ];
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ]) {
      const page = await open(width, height);
      for (const [name, target] of pages) {
        await page.goto(`${server.url}${target}`);
        await shot(page, `${name}-${width}`);
        // nothing wider than the window
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      }
      await page.close();
    }
    expect(dialogs).toEqual([]);
  });
});
