// End-to-end tests of the search page in Debian's headless Chromium,
// driven by playwright-core against lighttpd on localhost (started by
// tests/browser/run.sh, which sets ZAPISY_URL and SCREENSHOTS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.ZAPISY_URL;
const shots = process.env.SCREENSHOTS;
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser?.close(); });

async function page(width = 1280, height = 900) {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: 'cs-CZ' });
  return ctx.newPage();
}

async function search(p, words) {
  await p.goto(base);
  await p.getByLabel('Hledat v zápisech').fill(words);
  await p.getByLabel('Hledat v zápisech').press('Enter');
  await p.waitForLoadState('load');
}

test('the start page has a labelled search box and query examples', async () => {
  const p = await page();
  const res = await p.goto(base);
  assert.equal(res.status(), 200);
  assert.equal(await p.getAttribute('html', 'lang'), 'cs');
  assert.ok(await p.getByLabel('Hledat v zápisech').isVisible());
  assert.ok(await p.getByRole('heading', { name: 'Jak hledat' }).isVisible());
  await p.context().close();
});

test('searching without diacritics finds the minutes and marks the words', async () => {
  const p = await page();
  await search(p, 'zebrik');
  const titles = await p.locator('.hit h2').allInnerTexts();
  assert.equal(titles[0], 'Zápis z jednání Pracovní skupiny Národnostní menšiny a cizinci');
  const marks = await p.locator('.hit').first().locator('mark').allInnerTexts();
  assert.ok(marks.includes('Žebříku'), `marked: ${marks}`);
  assert.match(await p.locator('.hit .meta').first().innerText(), /11\. 1\. 2019 · Prostějov/);
  await p.context().close();
});

test('a typo is answered with a correction that can be followed', async () => {
  const p = await page();
  await search(p, 'zebrk');
  assert.match(await p.locator('.count').innerText(), /Nic nenalezeno/);
  await p.locator('.suggest').getByRole('link', { name: 'Žebřík' }).click();
  await p.waitForLoadState('load');
  assert.match(await p.locator('.hit h2').first().innerText(), /Národnostní menšiny a cizinci/);
  await p.context().close();
});

test('a query no minutes fully match relaxes: the missing word is struck out', async () => {
  const p = await page();
  await search(p, 'poradenství xyzzyq');
  const note = p.locator('.relaxed');
  assert.match(await note.innerText(), /Žádný zápis neobsahuje všechna slova/);
  assert.equal(await note.locator('s').innerText(), 'xyzzyq');
  assert.ok(await p.locator('.hit').count() > 0);
  await p.context().close();
});

test('clicking a facet narrows the results and the filter can be removed', async () => {
  const p = await page();
  await search(p, 'cizinci');
  assert.match(await p.locator('.count').innerText(), /^2 zápisy/);
  const towns = p.locator('section.facet', { has: p.getByRole('heading', { name: 'Obec' }) });
  assert.equal(await towns.locator('li').count(), 2);
  assert.equal(await towns.locator('li', { hasText: 'Prostějov' }).locator('.n').innerText(), '1');
  await towns.getByRole('link', { name: 'Prostějov' }).click();
  await p.waitForLoadState('load');
  assert.match(await p.locator('.count').innerText(), /^1 zápis/);
  assert.equal(await p.locator('.hit').count(), 1);
  await p.getByRole('link', { name: 'Zrušit filtr Obec Prostějov' }).click();
  await p.waitForLoadState('load');
  assert.match(await p.locator('.count').innerText(), /^2 zápisy/);
  await p.context().close();
});

test('pagination moves to the next page of hits', async () => {
  const p = await page();
  await search(p, 'zastupitelstvo');
  const first = await p.locator('.hit h2').allInnerTexts();
  assert.equal(first.length, 10);
  await p.getByRole('navigation', { name: 'Stránky výsledků' }).getByRole('link', { name: 'další ›' }).click();
  await p.waitForLoadState('load');
  assert.equal(await p.getAttribute('ol.hits', 'start'), '11');
  assert.equal(await p.locator('.pages [aria-current="page"]').innerText(), '2');
  const second = await p.locator('.hit h2').allInnerTexts();
  assert.ok(second.length > 0);
  await p.context().close();
});

test('an acronym finds the spelled-out organisation; the timeline counts years', async () => {
  const p = await page();
  await search(p, 'OPU');
  assert.match(await p.locator('.hit h2').first().innerText(), /DĚTI A RODINA/);
  const years = await p.locator('.timeline tbody th').allInnerTexts();
  assert.ok(years.includes('2025'), `timeline: ${years}`);
  await p.context().close();
});

test('opening a hit shows its matches marked, jumps between them, and the original downloads', async () => {
  const p = await page();
  await search(p, 'zebrik');
  await Promise.all([p.waitForNavigation(), p.locator('.hit h2 a').first().click()]);
  assert.equal(await p.locator('h1#nazev').innerText(), 'Zápis z jednání Pracovní skupiny Národnostní menšiny a cizinci');
  const marks = await p.locator('.text mark').allInnerTexts();
  assert.ok(marks.length >= 2 && marks.includes('Žebříku'), `marked: ${marks}`);
  await p.locator('.text a.next').first().click();
  assert.equal(new URL(p.url()).hash, '#v2');
  assert.ok(await p.locator('#v2').isVisible());
  await p.screenshot({ path: `${shots}/document-desktop.png`, fullPage: true });
  const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: 'Stáhnout originál' }).click()]);
  assert.equal(download.suggestedFilename(), 'prostejov-mensiny-a-cizinci.txt');
  const file = await download.path();
  const { readFile } = await import('node:fs/promises');
  assert.match(await readFile(file, 'utf8'), /organizace Žebřík/);
  await Promise.all([p.waitForNavigation(), p.getByRole('link', { name: '← zpět na výsledky' }).click()]);
  assert.match(await p.locator('.count').innerText(), /zápis/);
  await p.context().close();
});

test('a date range and a body chosen in the form narrow the results and survive paging', async () => {
  const p = await page();
  await p.goto(base + '?q=&seskupit=0');
  const all = parseInt(await p.locator('.count').innerText(), 10);
  await p.locator('details.filters summary').click();
  await p.locator('input#od').fill('2013-01-01');
  await p.locator('input#do').fill('2019-12-31');
  await Promise.all([p.waitForNavigation(), p.getByRole('button', { name: 'Hledat' }).click()]);
  const dated = parseInt(await p.locator('.count').innerText(), 10);
  assert.ok(dated > 0 && dated < all, `${dated} of ${all} in the range`);
  // the bodies offered are the archive's own (those of the hits)
  const bodies = await p.locator('select#skupina option').allInnerTexts();
  const body = bodies[1];
  await p.locator('select#skupina').selectOption({ label: body });
  await Promise.all([p.waitForNavigation(), p.getByRole('button', { name: 'Hledat' }).click()]);
  const narrowed = parseInt(await p.locator('.count').innerText(), 10);
  assert.ok(narrowed > 0 && narrowed < dated, `${narrowed} of ${dated} of the body ${body}`);
  for (const date of await p.locator('.hit .meta time').evaluateAll(ts => ts.map(t => t.getAttribute('datetime'))))
    assert.ok(date >= '2013-01-01' && date <= '2019-12-31', date);
  if (await p.getByRole('link', { name: 'další ›' }).count()) {
    await Promise.all([p.waitForNavigation(), p.getByRole('link', { name: 'další ›' }).click()]);
    assert.match(await p.locator('.count').innerText(), new RegExp('^' + narrowed + ' '));
  }
  assert.equal(await p.locator('input#od').inputValue(), '2013-01-01');
  assert.equal(await p.locator('select#skupina').inputValue(), body);
  await p.goto(base + '?q=&od=2020-01-01&do=2019-01-01');
  assert.match(await p.locator('main').innerText(), /Období je obrácené/);
  await p.context().close();
});

test('the results download as CSV that a spreadsheet reads with its diacritics', async () => {
  const p = await page();
  await p.goto(base + '?q=&seskupit=0');
  const total = parseInt(await p.locator('.count').innerText(), 10);
  const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: 'Stáhnout jako CSV' }).click()]);
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  // a CSV reader: ';' between fields, '"' around them, '""' for a quote
  const rows = [];
  let row = [], field = '', quoted = false;
  const text = bytes.subarray(3).toString('utf8');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  assert.deepEqual(rows[0], ['datum', 'obec', 'orgán', 'název', 'soubor', 'usnesení a úkoly', 'úryvek']);
  assert.equal(rows.length - 1, total);
  assert.ok(rows.every(r => r.length === 7));
  assert.ok(rows.some(r => r[1] === 'Prostějov'), 'a town with its diacritics');
  await p.context().close();
});

test('more like this lists other minutes like a hit', async () => {
  const p = await page();
  await search(p, 'zebrik');
  const first = await p.locator('.hit h2 a').first().getAttribute('href');
  await Promise.all([p.waitForNavigation(), p.locator('.hit a.like').first().click()]);
  assert.ok(await p.locator('.hit').count() > 0);
  const hrefs = await p.locator('.hit h2 a').evaluateAll(as => as.map(a => a.getAttribute('href')));
  const id = first.match(/doc=(Q[0-9a-f]+)/)[1];
  assert.ok(hrefs.every(h => !h.endsWith('doc=' + id)), 'the minutes themselves are not listed');
  await p.context().close();
});

test('records of one meeting show as one row, and can be shown apart', async () => {
  const p = await page();
  await p.goto(base + '?q=&na-strance=100');
  const grouped = parseInt(await p.locator('.count').innerText(), 10);
  const same = p.locator('.hit a.same').first();
  assert.ok(await p.locator('.hit a.same').count() > 0, 'a row stands for several records');
  assert.match(await same.innerText(), /ze stejného jednání/);
  await Promise.all([p.waitForNavigation(), p.getByRole('link', { name: 'zobrazit každý záznam zvlášť' }).click()]);
  const apart = parseInt(await p.locator('.count').innerText(), 10);
  assert.ok(apart > grouped, `${apart} records, ${grouped} meetings`);
  await p.context().close();
});

test('bad input gets a friendly Czech page, not an error 500', async () => {
  const p = await page();
  const res = await p.goto(base + '?q=zebrik&strana=-1');
  assert.equal(res.status(), 400);
  assert.match(await p.getByRole('alert').innerText(), /Číslo stránky/);
  const res2 = await p.goto(base + '?q=%C3%28');   // invalid UTF-8 (a browser re-escapes a bad %-escape itself)
  assert.equal(res2.status(), 400);
  await p.context().close();
});

test('the keyboard reaches the skip link first and the page works without script', async () => {
  const p = await page();
  await p.goto(base + '?q=cizinci');
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.textContent), 'Přeskočit na výsledky');
  assert.equal(await p.locator('script').count(), 0);
  await p.context().close();
});

test('screenshots at desktop and phone width; the phone page does not scroll sideways', async () => {
  const desk = await page(1280, 900);
  await desk.goto(base + '?q=cizinci');
  await desk.screenshot({ path: `${shots}/search-desktop.png`, fullPage: true });
  await desk.context().close();
  const phone = await page(390, 844);
  await phone.goto(base + '?q=cizinci');
  await phone.screenshot({ path: `${shots}/search-phone.png`, fullPage: true });
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  await phone.goto(base);
  await phone.screenshot({ path: `${shots}/start-phone.png`, fullPage: true });
  await phone.context().close();
});
