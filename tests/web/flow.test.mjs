// The whole site in a browser against a real `jixiao serve` (started by tests/web/run.sh on a
// fresh database with the demo region): a clerk edits the FY2024 package of 科协 and sees the
// live check, imports a Word file, saves; the unit's head submits; another unit's clerk cannot
// see it; the department's reviewer returns it with a comment, which the clerk then reads.
// The tests run in order and share the server's state. JX_SCREENSHOTS=1 also writes the
// docs/screenshots/web-*.png pictures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, launch, newPage, loadLogins, screenshot } from './support.mjs';

const BASE = process.env.JX_URL;
const skip = BASE ? false : 'JX_URL is not set: run tests/web/run.sh, which starts the server';
const TIMEOUT = 120_000;
const EXECUTED = '/evaluation/funds/executed';
const COMMENT = '执行率与报告所述不一致，请核对全年执行数后重新提交。';

let browser;
let logins;
let packageId; // 科协's FY2024 package
let clerk; // kx-clerk's page, kept across the tests

before(async () => {
  if (skip) return;
  logins = loadLogins();
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const field = (page, pointer) =>
  page.locator(`#editor input[data-pointer="${pointer}"], #editor textarea[data-pointer="${pointer}"]`);

async function loginAs(name, options) {
  const account = logins.login(name);
  const page = await newPage(browser, options);
  await page.goto(`${BASE}/login`);
  await page.fill('#login [name="login"]', account.login);
  await page.fill('#login [name="password"]', account.password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 }),
    page.click('#login [type="submit"]'),
  ]).catch(async (error) => {
    const shown = await page.locator('#login .form-error').textContent().catch(() => '');
    throw new Error(`login as ${name} failed: ${shown || error.message}`);
  });
  return page;
}

async function openPackage(page) {
  const response = await page.goto(`${BASE}/packages/${packageId}`);
  assert.equal(response.status(), 200, `GET /packages/${packageId}`);
  await page.waitForSelector('#editor');
  await page.waitForFunction(() => document.querySelector('#findings')?.dataset.state === 'ready');
}

// How many findings of each code the panel lists.
async function codeCounts(page) {
  return page.evaluate(() => {
    const counts = {};
    for (const li of document.querySelectorAll('#findings-list li.finding')) {
      const code = li.dataset.code || '';
      counts[code] = (counts[code] || 0) + 1;
    }
    return counts;
  });
}

// Submits the workflow form whose data-api ends with `/action` and waits for the page to reload.
async function workflow(page, action, comment) {
  const form = page.locator(`form[data-api$="/${action}"]`);
  assert.equal(await form.count(), 1, `the page has one form for ${action}`);
  if (comment !== undefined) await form.locator('textarea[name="comment"]').fill(comment);
  const loaded = page.waitForEvent('load', { timeout: 15_000 });
  loaded.catch(() => {});
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/${action}`)),
    form.locator('[type="submit"]').first().click(),
  ]);
  if (!response.ok()) {
    throw new Error(`${action}: HTTP ${response.status()} ${await response.text()}`);
  }
  await loaded;
}

// Presses a tree button (add, remove, move-up, move-down) and waits for the reload after its save.
async function treeOp(page, op, pointer) {
  const button = page.locator(`button[data-op="${op}"][data-pointer="${pointer}"]`);
  assert.equal(await button.count(), 1, `a ${op} button for ${pointer}`);
  const loaded = page.waitForEvent('load', { timeout: 15_000 });
  loaded.catch(() => {});
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PATCH'),
    button.click(),
  ]);
  if (!response.ok()) throw new Error(`${op} ${pointer}: HTTP ${response.status()} ${await response.text()}`);
  await loaded;
  await page.waitForSelector('#editor');
}

test('the binary serves web/app.js and web/app.css as they are, under the CSP', { skip, timeout: TIMEOUT }, async () => {
  for (const [file, type] of [['app.js', 'text/javascript'], ['app.css', 'text/css']]) {
    const response = await fetch(`${BASE}/static/${file}`);
    assert.equal(response.status, 200, file);
    assert.match(response.headers.get('content-type'), new RegExp(`^${type}`));
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    if (process.env.JX_ASSETS_FROM_DISK !== '1') {
      assert.equal(await response.text(), readFileSync(join(ROOT, 'web', file), 'utf8'),
        `${file} compiled into the binary differs from web/${file}: rebuild`);
    }
  }
  const login = await fetch(`${BASE}/login`);
  const csp = login.headers.get('content-security-policy') || '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
});

test('a. the clerk edits the 2024 package and the live check follows', { skip, timeout: TIMEOUT }, async () => {
  const login = await newPage(browser);
  await login.goto(`${BASE}/login`);
  await screenshot(login, 'web-login.png');
  await login.context().close();

  clerk = await loginAs('kx-clerk');
  await screenshot(clerk, 'web-home.png');
  const links = await clerk.locator('a[href^="/packages/"]').evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute('href'), text: (a.closest('tr, li') || a).textContent }))
      .filter((a) => /^\/packages\/\d+$/.test(a.href)));
  assert.ok(links.length > 0, 'the home page links the clerk\'s packages');
  const link = links.find((l) => l.text.includes('2024')) || links[0];
  packageId = link.href.split('/').pop();

  await openPackage(clerk);
  const executed = field(clerk, EXECUTED);
  assert.equal(await executed.count(), 1, `a field for ${EXECUTED}`);
  const saved = await executed.inputValue();
  assert.equal(await executed.getAttribute('id'), `f-${EXECUTED.replace(/\//g, '-')}`);
  // Its name for screen readers: a <label for> or, in a table cell, aria-label.
  const named = (await clerk.locator(`label[for="f-${EXECUTED.replace(/\//g, '-')}"]`).count()) === 1 ||
    Boolean(await executed.getAttribute('aria-label'));
  assert.ok(named, `the field ${EXECUTED} has a label`);
  const before = await codeCounts(clerk);

  // 110.00 of 127.10 is 86.55%, not the 98.25 the table prints.
  await executed.fill('110.00');
  const handle = await clerk.waitForFunction((before) => {
    for (const li of document.querySelectorAll('#findings-list li.finding')) {
      const code = li.dataset.code || '';
      if (!/^[RA]/.test(code)) continue;
      const same = Array.from(document.querySelectorAll('#findings-list li.finding'))
        .filter((x) => x.dataset.code === code).length;
      if (same > (before[code] || 0)) return { code, link: li.querySelector('a.finding-link')?.dataset.field || '' };
    }
    return null;
  }, before, { timeout: 15_000 });
  const found = await handle.jsonValue();
  assert.ok(found.link, `the new finding ${found.code} links to a field`);
  const marked = clerk.locator(`[id="${found.link}"]`);
  assert.match(await marked.getAttribute('class'), /has-finding/);
  assert.equal(await marked.getAttribute('aria-invalid'), 'true');
  assert.ok((await clerk.locator('#editor .has-finding').count()) > 0);
  const pointer = await marked.getAttribute('data-pointer');
  assert.match(await clerk.locator(`.field-findings[data-for="${pointer}"]`).textContent(), new RegExp(found.code));
  // The funds table and the findings panel in view, below the sticky toolbar.
  await executed.evaluate((el) => (el.closest('.table-wrap, table') || el).scrollIntoView({ block: 'center' }));
  await screenshot(clerk, 'web-editor.png');

  // The link takes the keyboard to the field.
  await clerk.locator(`#findings-list li[data-code="${found.code}"] a.finding-link`).first().click();
  assert.equal(await clerk.evaluate(() => document.activeElement.id), found.link);

  // Not a number: the server refuses the edit (422) and says so on the field.
  await executed.fill('abc');
  await clerk.waitForSelector('#findings-list li.finding-invalid', { timeout: 15_000 });
  assert.match(await executed.getAttribute('class'), /has-finding/);
  assert.match(await clerk.locator(`.field-findings[data-for="${EXECUTED}"]`).textContent(), /不是数字/);

  // Back to the saved value: the finding goes, and so does the mark.
  await executed.fill(saved);
  await clerk.waitForFunction(({ code, n }) =>
    document.querySelectorAll(`#findings-list li.finding[data-code="${code}"]`).length === n,
  { code: found.code, n: before[found.code] || 0 }, { timeout: 15_000 });
  if (!(before[found.code] > 0)) {
    assert.equal(await clerk.locator(`.field-findings[data-for="${pointer}"]`).textContent(), '');
  }
  assert.equal(await clerk.locator('#findings-list li.finding-invalid').count(), 0);
  assert.doesNotMatch(await executed.getAttribute('class'), /is-dirty/);

  const phone = await loginAs('kx-clerk', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await openPackage(phone);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the editor scrolls sideways by ${overflow}px at 390px`);
  await screenshot(phone, 'web-editor-phone.png');
  assert.deepEqual(phone.problems, []);
  await phone.context().close();
  assert.deepEqual(clerk.problems, []);
});

test('b. the clerk imports a Word file and sees what was recognised', { skip, timeout: TIMEOUT }, async () => {
  const dir = mkdtempSync(join(process.env.JX_TMP || tmpdir(), 'docx-'));
  execFileSync(process.env.JIXIAO_BIN || join(ROOT, 'build', 'jixiao'),
    ['render', join(ROOT, 'examples', 'lingling-kexie-2024.json'), '--to', 'docx', '-o', dir],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  const docx = readdirSync(dir).find((f) => f.endsWith('.docx'));
  assert.ok(docx, 'the renderer wrote a DOCX');

  await openPackage(clerk);
  const version = Number(await clerk.getAttribute('#editor', 'data-version'));
  const importLink = clerk.locator(`a[href="/packages/${packageId}/import"]`);
  if (await importLink.count()) await importLink.first().click();
  else await clerk.goto(`${BASE}/packages/${packageId}/import`);
  // app.js marks <html class="js"> once it has wired the page: a file chosen before that would
  // fire its change event with no listener (the click above does not wait for the page's load).
  await clerk.waitForSelector('html.js #import input[type="file"]');
  await clerk.setInputFiles('#import input[type="file"]', join(dir, docx));
  await clerk.waitForSelector('#import-preview #import-commit', { timeout: 60_000 });
  const recognised = await clerk.locator('#import-preview table.import-recognised tbody tr').allTextContents();
  assert.ok(recognised.length > 0, 'the preview counts what it recognised');
  assert.ok(recognised.some((row) => /[1-9]/.test(row)), `something was recognised: ${recognised.join(' | ')}`);
  const changes = await clerk.locator('#import-preview table.import-changes tbody tr').count();
  assert.ok(changes > 0, 'the rendered DOCX (with computed figures filled in) changes the package');
  assert.equal(await clerk.locator('#import .form-error').textContent(), '');
  await screenshot(clerk, 'web-import.png');

  // Committed: the editor of the new version; refused: the message under the button.
  const [refused] = await Promise.all([
    Promise.race([
      clerk.waitForURL(`${BASE}/packages/${packageId}`, { timeout: 60_000 }).then(() => ''),
      clerk.waitForFunction(() => document.querySelector('#import-preview .import-commit-error')?.textContent,
        null, { timeout: 60_000 }).then((h) => h.jsonValue()),
    ]),
    clerk.click('#import-commit'),
  ]);
  assert.equal(refused, '', 'the import is saved as a new version');
  await clerk.waitForSelector('#editor');
  assert.equal(Number(await clerk.getAttribute('#editor', 'data-version')), version + 1);
  assert.deepEqual(clerk.problems, []);
});

test('c. save, submit, another unit cannot see it, the reviewer returns it with a comment', { skip, timeout: TIMEOUT }, async () => {
  // The clerk saves an edit.
  await openPackage(clerk);
  const version = Number(await clerk.getAttribute('#editor', 'data-version'));
  const executed = field(clerk, EXECUTED);
  const value = await executed.inputValue();
  await executed.fill((Number(value) + 0.02).toFixed(2));
  await clerk.click('#save');
  await clerk.waitForSelector(`#save-status:has-text("已保存为第 ${version + 1} 版")`);
  assert.equal(Number(await clerk.getAttribute('#editor', 'data-version')), version + 1);
  // Saved: reloading asks nothing and shows the new value.
  await openPackage(clerk);
  assert.equal(await field(clerk, EXECUTED).inputValue(), (Number(value) + 0.02).toFixed(2));
  assert.equal(clerk.dialogs.length, 0);

  // Two windows on the same version: the second save is refused, and keeps its edits.
  const second = await loginAs('kx-clerk');
  await openPackage(second);
  await field(clerk, EXECUTED).fill(value);
  await clerk.keyboard.press('Control+s');
  await clerk.waitForSelector(`#save-status:has-text("已保存为第 ${version + 2} 版")`);
  await field(second, EXECUTED).fill((Number(value) + 0.05).toFixed(2));
  await second.click('#save');
  await second.waitForSelector('#save-status.is-conflict');
  const conflict = await second.locator('#save-status').textContent();
  assert.match(conflict, /全年执行数/, conflict);
  assert.equal(await second.locator('#save-status a', { hasText: '查看最新版本' }).count(), 1);
  assert.equal(await field(second, EXECUTED).inputValue(), (Number(value) + 0.05).toFixed(2));
  assert.equal(Number(await second.getAttribute('#editor', 'data-version')), version + 1);
  await second.context().close();

  // The indicator tree: a new leaf under the first 二级 indicator, moved up, then removed.
  await openPackage(clerk);
  const node = '/evaluation/indicators/0/children/0';
  const leaves = await clerk.locator(`#editor input[data-pointer^="${node}/children/"][data-pointer$="/name"]`).count();
  const added = `${node}/children/${leaves}`;
  await treeOp(clerk, 'add', node);
  assert.equal(await field(clerk, `${added}/name`).inputValue(), '新指标');
  await treeOp(clerk, 'move-up', added);
  assert.equal(await field(clerk, `${node}/children/${leaves - 1}/name`).inputValue(), '新指标');
  await treeOp(clerk, 'remove', `${node}/children/${leaves - 1}`);
  assert.ok(clerk.dialogs.some((d) => d.type === 'confirm' && d.message.includes('新指标')));
  assert.equal(await clerk.locator(`#editor input[data-pointer^="${node}/children/"][data-pointer$="/name"]`).count(), leaves);
  assert.equal(clerk.dialogs.filter((d) => d.type === 'beforeunload').length, 0);
  const history = clerk.locator(`a[href^="/packages/${packageId}/"][href*="histor"], a[href^="/packages/${packageId}/versions"]`);
  if (await history.count()) {
    await history.first().click();
    await clerk.waitForLoadState('load');
    await screenshot(clerk, 'web-history.png');
  }

  // The unit's head submits it.
  const head = await loginAs('kx-head');
  await openPackage(head);
  await workflow(head, 'submit');
  await head.context().close();

  // Another unit's clerk: no such package, on the page and in the API.
  const other = await loginAs('unit2-clerk');
  const page = await other.goto(`${BASE}/packages/${packageId}`);
  assert.equal(page.status(), 404);
  assert.match(await other.locator('body').textContent(), /不存在/);
  const api = await other.request.get(`${BASE}/api/v1/packages/${packageId}`);
  assert.equal(api.status(), 404);
  const body = await api.json();
  assert.equal(body.error.status, 404);
  await other.context().close();

  // The department's reviewer returns it with a comment.
  const reviewer = await loginAs('dept-reviewer');
  const queue = reviewer.locator('a[href*="review"]');
  if (await queue.count()) {
    await queue.first().click();
    await reviewer.waitForLoadState('load');
  }
  await openPackage(reviewer);
  await reviewer.locator('form[data-api$="/return"] textarea[name="comment"]').fill(COMMENT);
  await screenshot(reviewer, 'web-review.png');
  await workflow(reviewer, 'return', COMMENT);
  assert.deepEqual(reviewer.problems, []);
  await reviewer.context().close();

  // The clerk sees it returned, with the reviewer's comment.
  await openPackage(clerk);
  const text = await clerk.locator('body').textContent();
  assert.match(text, /已退回/);
  assert.ok(text.includes(COMMENT), 'the reviewer\'s comment is shown to the clerk');
  assert.deepEqual(clerk.problems, []);

  // Logging out ends the session.
  await Promise.all([clerk.waitForURL(`${BASE}/login`), clerk.click('#logout')]);
  const after = await clerk.request.get(`${BASE}/api/v1/packages/${packageId}`);
  assert.equal(after.status(), 401);
  await clerk.context().close();
});

// The bureau's side: the dashboard, a return with a comment on a field, the fix and the
// resubmission, forwarding and acceptance, publishing, and the public site.
const FIELD_COMMENT = '全年执行数与决算报表不符，请按决算数填写。';

async function postForm(page, api, fill) {
  const form = page.locator(`form[data-api="${api}"]`);
  assert.equal(await form.count(), 1, `the page has a form for ${api}`);
  await fill(form);
  const loaded = page.waitForEvent('load', { timeout: 15_000 });
  loaded.catch(() => {});
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(api)),
    form.locator('[type="submit"]').first().click(),
  ]);
  if (!response.ok()) throw new Error(`${api}: HTTP ${response.status()} ${await response.text()}`);
  await loaded;
}

// The dashboard's row of the unit whose name contains `word`.
const dashboardRow = (page, word) => page.locator('#dashboard tbody tr', { hasText: word });

test('d. the dashboard, a return on a field, the fix, acceptance, publishing and the public site', { skip, timeout: TIMEOUT }, async () => {
  // The unit answers test c's return: its head submits again.
  const head = await loginAs('kx-head');
  await openPackage(head);
  await workflow(head, 'submit');

  // The department's reviewer opens the dashboard: every unit, the riskiest first.
  const reviewer = await loginAs('dept-reviewer');
  const dashboard = await reviewer.goto(`${BASE}/dashboard`);
  assert.equal(dashboard.status(), 200);
  await reviewer.waitForSelector('#dashboard');
  assert.match(await reviewer.locator('h1').textContent(), /2024 年度汇总/);
  assert.equal(await reviewer.locator('#dashboard tbody tr').count(), 3);
  assert.match(await dashboardRow(reviewer, '科学技术协会').textContent(), /已提交/);
  assert.match(await dashboardRow(reviewer, '科普服务中心').textContent(), /未开始/);
  // The risk is explained: its signals open under the figure.
  const signals = dashboardRow(reviewer, '科学技术协会').locator('details');
  await signals.locator('summary').click();
  assert.match(await signals.textContent(), /（\+\d+）：/);
  await screenshot(reviewer, 'web-dashboard.png');
  // Sorting by unit name, and the exports.
  await reviewer.click('#dashboard th a:has-text("单位")');
  await reviewer.waitForSelector('#dashboard th[aria-sort] a:has-text("单位")');
  const csv = await reviewer.request.get(`${BASE}/api/v1/years/2024/dashboard?format=csv`);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /永州市零陵区科学技术协会/);

  // From the dashboard to the package; a comment on the 全年执行数 field, then the return.
  await dashboardRow(reviewer, '科学技术协会').locator('a[href^="/packages/"]').click();
  await reviewer.waitForSelector('#editor');
  await postForm(reviewer, `/api/v1/packages/${packageId}/comments`, async (form) => {
    await form.locator('select[name="target"]').selectOption(EXECUTED);
    await form.locator('textarea[name="body"]').fill(FIELD_COMMENT);
  });
  await workflow(reviewer, 'return', '请按字段意见修改后重新提交。');

  // The clerk sees, field by field, what to fix; fixes it; the head submits.
  const clerk2 = await loginAs('kx-clerk');
  await openPackage(clerk2);
  const toFix = clerk2.locator('.to-fix');
  assert.match(await toFix.textContent(), /全年执行数/);
  assert.ok((await toFix.textContent()).includes(FIELD_COMMENT));
  const note = clerk2.locator(`.field-comment`);
  assert.equal(await note.count(), 1);
  assert.ok((await note.textContent()).includes(FIELD_COMMENT));
  assert.ok(await field(clerk2, EXECUTED).evaluate((el) => el.classList.contains('has-comment')));
  await field(clerk2, EXECUTED).scrollIntoViewIfNeeded();
  await screenshot(clerk2, 'web-field-comment.png');
  const executed = field(clerk2, EXECUTED);
  const before = await executed.inputValue();
  await executed.fill((Number(before) - 0.02).toFixed(2));
  await clerk2.click('#save');
  await clerk2.waitForSelector('#save-status:has-text("已保存为第")');
  await postForm(clerk2, `/api/v1/packages/${packageId}/comments`, async (form) => {
    await form.locator('textarea[name="body"]').fill('已按决算数更正全年执行数。');
  });
  assert.deepEqual(clerk2.problems, []);
  await clerk2.context().close();
  await openPackage(head);
  await workflow(head, 'submit');
  await head.context().close();

  // The reviewer forwards it; the bureau accepts and publishes it.
  await openPackage(reviewer);
  await workflow(reviewer, 'forward');
  assert.deepEqual(reviewer.problems, []);
  await reviewer.context().close();
  const bureau = await loginAs('bureau');
  await bureau.goto(`${BASE}/dashboard?year=2024`);
  assert.match(await dashboardRow(bureau, '科学技术协会').textContent(), /已转报/);
  await openPackage(bureau);
  await workflow(bureau, 'accept', '同意。');
  await workflow(bureau, 'publish');
  assert.match(await bureau.locator('body').textContent(), /已公开/);
  const museum = await bureau.request.get(`${BASE}/api/v1/packages?year=2024&status=submitted`);
  const museumId = (await museum.json()).packages.find((p) => p.unit_name.includes('科技馆')).id;
  assert.deepEqual(bureau.problems, []);
  await bureau.context().close();

  // The public site, without logging in: the published package, and nothing else.
  const visitor = await newPage(browser);
  await visitor.goto(`${BASE}/public`);
  await visitor.click('a:has-text("2024 年度")');
  await visitor.waitForSelector('#published');
  assert.equal(await visitor.locator('#published tbody tr').count(), 1);
  assert.match(await visitor.locator('#published').textContent(), /科学技术协会/);
  await screenshot(visitor, 'web-public.png');
  await visitor.click('#published a:has-text("科学技术协会")');
  await visitor.waitForSelector('ul.documents');
  const doc = await visitor.request.get(`${BASE}/public/packages/${packageId}/documents/pdf`);
  assert.equal(doc.status(), 200);
  assert.equal((await doc.body()).subarray(0, 4).toString(), '%PDF');
  const hidden = await visitor.goto(`${BASE}/public/packages/${museumId}`);
  assert.equal(hidden.status(), 404);
  const hiddenDoc = await visitor.request.get(`${BASE}/public/packages/${museumId}/documents/html`);
  assert.equal(hiddenDoc.status(), 404);
  const data = await visitor.request.get(`${BASE}/public/1/2024/datapackage.json`);
  assert.equal((await data.json()).resources.length, 2);
  assert.deepEqual(visitor.problems, []);
  await visitor.context().close();
});

test('e. the bureau draws the sample, re-scores a package, downloads the 抽评 document; an 整改 item is answered and closed', { skip, timeout: TIMEOUT }, async () => {
  const bureau = await loginAs('bureau');
  await bureau.goto(`${BASE}/sample?year=2024`);
  await postForm(bureau, '/api/v1/years/2024/sample', async (form) => {
    await form.locator('[name="size"]').fill('2');
    await form.locator('[name="seed"]').fill('20250731');
  });
  assert.match(await bureau.locator('#sample-seed').textContent(), /20250731/);
  assert.equal(await bureau.locator('#sample tbody tr').count(), 2);
  assert.match(await bureau.locator('#sample').textContent(), /风险排名第 1/);
  await screenshot(bureau, 'web-sample.png');

  // Re-score 科技馆's package: agree everywhere but one indicator, with the reason.
  await bureau.locator('#sample tbody tr', { hasText: '科技馆' }).locator('a').click();
  await bureau.waitForSelector('#spot-check');
  const rows = bureau.locator('#spot-check tr[data-line]');
  const count = await rows.count();
  assert.ok(count > 10, `${count} lines to score`);
  let lowered = false;
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const self = (await row.locator('td').nth(3).textContent()).trim();
    let score = self;
    if (!lowered && i > 0 && Number(self) >= 2) {
      score = String(Number(self) - 2);
      await row.locator('[name="reason"]').fill('佐证材料只覆盖部分活动。');
      lowered = true;
    }
    await row.locator('[name="score"]').fill(score);
  }
  const loaded = bureau.waitForEvent('load', { timeout: 15_000 });
  loaded.catch(() => {});
  const [saved] = await Promise.all([
    bureau.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/spot-check')),
    bureau.click('#spot-check [type="submit"]'),
  ]);
  // The page reloads on success, after which the answer's body is gone: read it only on failure.
  if (saved.status() !== 200) assert.fail(`PUT spot-check: HTTP ${saved.status()} ${await saved.text()}`);
  await loaded;
  const summary = await bureau.locator('#spot-summary').textContent();
  assert.match(summary, new RegExp(`已评 ${count}/${count}`));
  assert.match(summary, /差异 -2/);
  await screenshot(bureau, 'web-spot-check.png');
  const href = await bureau.locator('a:has-text("PDF")').last().getAttribute('href');
  const pdf = await bureau.request.get(`${BASE}${href}`);
  assert.equal(pdf.status(), 200);
  assert.equal((await pdf.body()).subarray(0, 4).toString(), '%PDF');
  const docx = await bureau.request.get(`${BASE}${href.replace(/pdf$/, 'docx')}`);
  assert.equal((await docx.body()).subarray(0, 2).toString(), 'PK');

  // An 整改 item from the 抽评: opened by the bureau, answered by the unit, closed.
  const museumPage = bureau.url().replace(/\/spot-check$/, '');
  await bureau.goto(museumPage);
  const museumId = museumPage.split('/').pop();
  await postForm(bureau, `/api/v1/packages/${museumId}/rectifications`, async (form) => {
    await form.locator('[name="what"]').fill('补充“积极开展各类科普活动”的活动记录');
    await form.locator('[name="why"]').fill('抽评发现佐证材料只覆盖部分活动');
    await form.locator('[name="due_date"]').fill('2025-10-31');
    await form.locator('[name="source"]').selectOption('spot_check');
  });
  assert.match(await bureau.locator('#rectifications').textContent(), /待整改/);
  const unit = await loginAs('unit2-clerk');
  await unit.goto(museumPage);
  await unit.waitForSelector('#rectifications');
  const notes = await unit.locator('form.rectification-note').getAttribute('data-api');
  await postForm(unit, notes, async (form) => {
    await form.locator('textarea[name="body"]').fill('已补充全年活动记录和签到表。');
  });
  assert.match(await unit.locator('#rectifications').textContent(), /已答复/);
  await screenshot(unit, 'web-rectification.png');
  assert.deepEqual(unit.problems, []);
  await unit.context().close();
  await bureau.goto(museumPage);
  const close = bureau.locator('form.rectification-note', { has: bureau.locator('input[value="close"]') });
  await close.locator('textarea[name="body"]').fill('已核实，销号。');
  const reloaded = bureau.waitForEvent('load', { timeout: 15_000 });
  reloaded.catch(() => {});
  await Promise.all([
    bureau.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/notes')),
    close.locator('[type="submit"]').click(),
  ]);
  await reloaded;
  assert.match(await bureau.locator('#rectifications').textContent(), /已销号/);
  assert.deepEqual(bureau.problems, []);
  await bureau.context().close();
});
