// web/app.js against pages written to the server's HTML contract, with the API answered here
// (Playwright's request routing): every behaviour of the script without a server, so a change
// to app.js is tested even where `jixiao serve` is not built. The pages are served with the
// server's Content-Security-Policy, so an inline script or style would show as a problem.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launch, newPage } from './support.mjs';

const ORIGIN = 'http://jx.test';
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
const APP_JS = readFileSync(join(ROOT, 'web', 'app.js'));
const APP_CSS = readFileSync(join(ROOT, 'web', 'app.css'));

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function pageHtml(title, body, { csrf = 'tok-123' } = {}) {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${csrf ? `<meta name="csrf" content="${csrf}">` : ''}
<title>${title}</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head><body>
<header class="top"><a class="brand" href="/">绩效自评</a>
${csrf ? '<nav aria-label="主导航"><a href="/">我的数据包</a><span class="who">科协填报员（填报人）</span><button id="logout" type="button">退出</button></nav>' : ''}
</header>
<main id="main">${body}</main></body></html>`;
}

function field(pointer, value, { label = pointer, nullable = false, textarea = false } = {}) {
  const id = `f-${pointer.replace(/\//g, '-')}`;
  const common = `id="${id}" data-pointer="${pointer}" data-original="${esc(value)}"${nullable ? ' data-nullable="1"' : ''}`;
  const control = textarea
    ? `<textarea name="${id}" ${common}>${esc(value)}</textarea>`
    : `<input type="text" name="${id}" ${common} value="${esc(value)}">`;
  return `<div class="field"><label for="${id}">${label}</label>${control}<span class="field-findings" data-for="${pointer}"></span></div>`;
}

const BASE_FINDINGS = [
  {
    code: 'X702', severity: 'inconsistency',
    location: { pointer: '/evaluation/funds/full_year_budget', path: '自评表 › 年度资金 › 全年预算数' },
    reported: '153.53 → 127.10', computed: '-26.43万元', message: '全年预算数与年初预算数不同，但预算调整行未填。',
    hint: '在预算调整行填写调整金额。',
  },
  {
    code: 'P903', severity: 'warning', location: { pointer: '/evaluation/indicators', path: '自评表 › 绩效指标' },
    message: '全部 10 项指标均为满分，自评可能偏宽。', hint: '',
  },
  { code: 'P907', severity: 'info', location: { pointer: '', path: '' }, message: '“三公”经费由 0.67 增至 0.68 万元。', hint: '' },
];
const R202 = {
  code: 'R202', severity: 'inconsistency',
  location: { pointer: '/evaluation/funds/execution_rate', path: '自评表 › 年度资金 › 执行率' },
  reported: '98.25', computed: '86.55', message: '执行率填报 98.25，按全年执行数 110.00 ÷ 全年预算数 127.10 计算应为 86.55%。',
  hint: '改正执行率。',
};

function editorHtml({ version = 3, editable = true } = {}) {
  const leaf = (i, j, name) => `
    <tr><td>${field(`/evaluation/indicators/${i}/children/${j}/name`, name, { label: '三级指标' })}</td>
    <td><input type="text" id="f--evaluation-indicators-${i}-children-${j}-actual" aria-label="${name} 实际完成值"
      data-pointer="/evaluation/indicators/${i}/children/${j}/actual" data-original="10" value="10" data-nullable="1">
      <span class="field-findings" data-for="/evaluation/indicators/${i}/children/${j}/actual"></span></td>
    <td><output data-computed="score" data-for="/evaluation/indicators/${i}/children/${j}">10</output></td>
    <td class="ops"><span class="tree-actions">
      <button type="button" data-op="move-up" data-pointer="/evaluation/indicators/${i}/children/${j}">上移</button>
      <button type="button" data-op="move-down" data-pointer="/evaluation/indicators/${i}/children/${j}">下移</button>
      <button type="button" data-op="remove" data-pointer="/evaluation/indicators/${i}/children/${j}">删除</button>
    </span></td></tr>`;
  return pageHtml('科协 2024 自评', `
<h1>永州市零陵区科学技术协会 2024 年度</h1>
<div class="toolbar"><button type="button" id="save">保存</button><p id="save-status" role="status"></p>
<a href="/packages/7/import">导入文档</a></div>
<dl class="summary"><div><dt>总分</dt><dd><output id="sum-total">99.8</output></dd></div>
<div><dt>等级</dt><dd><output id="sum-grade">优</output></dd></div>
<div><dt>执行率</dt><dd><output id="sum-rate">98.25</output>%</dd></div></dl>
<form id="editor" data-package="7" data-version="${version}" data-editable="${editable ? 1 : 0}">
<fieldset><legend>年度资金</legend><div class="fields">
${field('/evaluation/funds/full_year_budget', '127.10', { label: '全年预算数' })}
${field('/evaluation/funds/executed', '124.88', { label: '全年执行数' })}
${field('/evaluation/funds/execution_rate', '98.25', { label: '执行率' })}
${field('/evaluation/funds/government_fund', '', { label: '政府性基金', nullable: true })}
${field('/evaluation/funds/other_funds', '3', { label: '其他资金', nullable: true })}
</div><p>复算执行率 <output data-computed="execution_rate">98.25</output></p></fieldset>
<details><summary>绩效指标</summary>
<div class="table-wrap"><table class="form indicators"><thead><tr><th>三级指标</th><th>实际完成值</th><th>得分</th><th>操作</th></tr></thead><tbody>
${leaf(0, 0, '积极开展各类科普活动')}${leaf(0, 1, '受众人数')}
<tr><td colspan="4"><button type="button" data-op="add" data-pointer="/evaluation/indicators/0">添加指标</button></td></tr>
<tr><td colspan="4">一段很长的文字用来把表格撑宽一段很长的文字用来把表格撑宽一段很长的文字用来把表格撑宽一段很长的文字用来把表格撑宽</td></tr>
</tbody></table></div></details>
${field('/report/sections/5/text', '执行上，全年支出未突破预算总额。', { label: '六、整体支出绩效情况', textarea: true })}
</form>
<aside id="findings" aria-live="polite"><h2>检查结果</h2><p id="findings-count"></p><ul id="findings-list"></ul></aside>
<script type="application/json" id="initial-findings">${JSON.stringify(BASE_FINDINGS).replace(/</g, '\\u003c')}</script>
<form data-api="/api/v1/packages/7/submit" data-method="POST" data-next="reload">
<label for="c1">说明</label><textarea id="c1" name="comment"></textarea>
<input type="hidden" name="version" data-type="int" value="${version}">
<p class="form-error" role="alert"></p><button type="submit">提交审核</button></form>
<form data-api="/api/v1/packages/7/comments" data-method="POST">
<label for="c2">留言</label><textarea id="c2" name="body" required></textarea>
<input type="hidden" name="target" value="">
<p class="form-error" role="alert"></p><p class="form-status" role="status"></p><button type="submit">发表</button></form>`);
}

const LOGIN_HTML = pageHtml('登录', `
<form id="login" data-api="/api/v1/session" data-method="POST" data-next="/">
<h1>登录</h1>
<label for="login-name">账号</label><input id="login-name" name="login" required autocomplete="username">
<label for="login-password">密码</label><input id="login-password" name="password" type="password" required>
<p class="form-error" role="alert"></p><button type="submit">登录</button></form>`, { csrf: null });

const IMPORT_HTML = pageHtml('导入', `
<h1>导入文档</h1>
<form id="import" data-package="7" data-version="3">
<label for="file">Word、Excel 或文本文件</label><input id="file" type="file" name="file">
<p class="form-error" role="alert"></p><button type="submit">预览</button></form>
<section id="import-preview"></section>`);

// The fake server: pages, static files and API answers, and a log of every API request.
function fakeServer() {
  const state = {
    requests: [],
    save: 'ok', // ok | conflict
    version: 3,
    loginOk: true,
  };
  async function handle(route) {
    const request = route.request();
    const url = new URL(request.url());
    const method = request.method();
    const headers = request.headers();
    const raw = request.postDataBuffer();
    let json = null;
    if (raw && (headers['content-type'] || '').startsWith('application/json')) json = JSON.parse(raw.toString('utf8'));
    if (url.pathname.startsWith('/api/')) {
      state.requests.push({ method, path: url.pathname, headers, json, raw: raw ? raw.toString('latin1') : '' });
    }
    const html = (body, status = 200) => route.fulfill({
      status, body, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP },
    });
    const answer = (status, body) => route.fulfill({
      status, body: JSON.stringify(body), headers: { 'content-type': 'application/json' },
    });
    const error = (status, message, extra = {}) => answer(status, { error: { status, message }, ...extra });
    const path = url.pathname;
    if (path === '/static/app.js') return route.fulfill({ body: APP_JS, headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    if (path === '/static/app.css') return route.fulfill({ body: APP_CSS, headers: { 'content-type': 'text/css; charset=utf-8' } });
    if (path === '/login') return html(LOGIN_HTML);
    if (path === '/') return html(pageHtml('首页', '<h1>数据包</h1><p><a href="/packages/7">科协 2024</a></p>'));
    if (path === '/packages/7') return html(editorHtml({ version: state.version }));
    if (path === '/packages/7/readonly') return html(editorHtml({ version: state.version, editable: false }));
    if (path === '/packages/7/import') return html(IMPORT_HTML);
    if (path === '/api/v1/session' && method === 'POST') {
      if (!state.loginOk) return error(401, '账号或密码错误 / wrong login or password');
      return answer(200, { user: { login: json.login } });
    }
    if (path === '/api/v1/session' && method === 'DELETE') return answer(200, {});
    if (path === '/api/v1/packages/7/check' && method === 'POST') {
      const ops = json.patch;
      const executed = ops.find((op) => op.path === '/evaluation/funds/executed');
      if (executed && !/^\d+(\.\d+)?$/.test(executed.value)) {
        return error(422, '第 1 个操作（replace /evaluation/funds/executed）：“abc”不是数字 / operation 1: "abc" is not a number');
      }
      const findings = executed ? [R202, ...BASE_FINDINGS] : BASE_FINDINGS;
      return answer(200, {
        findings,
        summary: { total: executed ? '98.7' : '99.8', grade: '优', execution_rate: executed ? '86.55' : '98.25', findings: [0, findings.length - 2, 1, 1] },
        score: {
          execution_rate: executed ? '86.55' : '98.25',
          indicators: [{ pointer: '/evaluation/indicators/0/children/0', computed_score: '9' }],
        },
      });
    }
    if (path === '/api/v1/packages/7' && method === 'PATCH') {
      if (json.base_version !== state.version) return error(400, 'wrong base version in test');
      if (state.save === 'conflict') {
        return error(409, '数据包已被他人修改（第 4 版） / the package changed since version 3', {
          head_version: 4,
          changed_since: [{ pointer: '/evaluation/funds/executed', field: '自评表 › 年度资金 › 全年执行数', before: '124.88', after: '120.00' }],
          conflicts: ['/evaluation/funds/executed'],
        });
      }
      state.version += 1;
      return answer(200, {
        version: state.version, changes: [], findings: BASE_FINDINGS,
        summary: { total: '99.7', grade: '优', execution_rate: '98.33', findings: [0, 1, 1, 1] },
      });
    }
    if (path === '/api/v1/packages/7/submit' && method === 'POST') return answer(200, { status: 'submitted' });
    if (path === '/api/v1/packages/7/comments' && method === 'POST') return answer(201, { id: 1 });
    if (path === '/api/v1/packages/7/import' && method === 'POST') {
      const text = raw.toString('latin1');
      if (text.includes('name="commit"')) return answer(200, { version: 4 });
      return answer(200, {
        file: 'kexie.docx', format: 'docx',
        recognised: { basic_data: { expenses: 14 }, evaluation: { indicators: 10, goals: 5 }, report: { sections: 10 } },
        not_placed: [{ code: 'I601', severity: 'warning', message: '表格“其他”没有放入数据包。', location: { path: 'kexie.docx › 表 5' } }],
        changes: [
          { pointer: '/evaluation/funds/executed', field: '自评表 › 年度资金 › 全年执行数', before: '124.88', after: '124.98' },
          { pointer: '/evaluation/grade', field: '自评表 › 总分 › 等级', before: null, after: '优' },
        ],
      });
    }
    return route.fulfill({ status: 404, body: 'not found' });
  }
  return { state, handle };
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function open(path, options) {
  const server = fakeServer();
  const page = await newPage(browser, options);
  await page.context().route(`${ORIGIN}/**`, server.handle);
  await page.goto(ORIGIN + path);
  return { page, server, api: () => server.state.requests };
}

const lastRequest = (server, method, path) =>
  server.state.requests.filter((r) => r.method === method && r.path === path).at(-1);

test('login form posts JSON without a CSRF header and goes to data-next; errors show in .form-error', async () => {
  const { page, server } = await open('/login?next=/packages/7');
  server.state.loginOk = false;
  await page.fill('#login-name', 'kx-clerk');
  await page.fill('#login-password', 'wrong');
  await page.click('#login button[type="submit"]');
  await page.waitForSelector('#login .form-error:has-text("账号或密码错误")');
  server.state.loginOk = true;
  await page.fill('#login-password', 'secret');
  await Promise.all([page.waitForURL(`${ORIGIN}/packages/7`), page.click('#login button[type="submit"]')]);
  const req = lastRequest(server, 'POST', '/api/v1/session');
  assert.deepEqual(req.json, { login: 'kx-clerk', password: 'secret' });
  assert.equal(req.headers['x-csrf-token'], undefined);
  assert.equal(req.headers['content-type'], 'application/json');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('editor renders the initial findings, marks their fields and links to them', async () => {
  const { page } = await open('/packages/7');
  await page.waitForSelector('#findings-list li.finding');
  assert.equal(await page.locator('#findings-list li').count(), 3);
  assert.match(await page.textContent('#findings-count'), /共 3 条/);
  const first = page.locator('#findings-list li').first();
  assert.match(await first.textContent(), /不一致\s*X702/);
  const budget = page.locator('[data-pointer="/evaluation/funds/full_year_budget"]');
  assert.match(await budget.getAttribute('class'), /has-finding/);
  assert.equal(await budget.getAttribute('aria-invalid'), 'true');
  assert.match(await page.textContent('.field-findings[data-for="/evaluation/funds/full_year_budget"]'), /X702/);
  // P903 points at /evaluation/indicators: its first field (inside a closed <details>) is used.
  const p903 = page.locator('#findings-list li', { hasText: 'P903' });
  await p903.locator('a.finding-link').click();
  const focused = await page.evaluate(() => document.activeElement.dataset.pointer);
  assert.equal(focused, '/evaluation/indicators/0/children/0/name');
  assert.equal(await page.evaluate(() => document.querySelector('details').open), true);
  // The note without a pointer has no link, and says 提示.
  const p907 = page.locator('#findings-list li', { hasText: 'P907' });
  assert.equal(await p907.locator('a').count(), 0);
  assert.match(await p907.textContent(), /提示/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an edit is checked live (debounced) and its finding comes and goes', async () => {
  const { page, server } = await open('/packages/7');
  const executed = page.locator('[data-pointer="/evaluation/funds/executed"]');
  const rate = page.locator('[data-pointer="/evaluation/funds/execution_rate"]');
  await executed.fill('110.00');
  await page.waitForSelector('#findings-list li:has-text("R202")');
  assert.match(await rate.getAttribute('class'), /has-finding/);
  assert.match(await rate.getAttribute('class'), /sev-inconsistency/);
  assert.match(await page.textContent('.field-findings[data-for="/evaluation/funds/execution_rate"]'), /R202/);
  assert.equal(await page.textContent('#sum-rate'), '86.55');
  assert.equal(await page.textContent('output[data-computed="execution_rate"]'), '86.55');
  assert.equal(await page.textContent('output[data-for="/evaluation/indicators/0/children/0"]'), '9');
  const req = lastRequest(server, 'POST', '/api/v1/packages/7/check');
  assert.deepEqual(req.json, {
    base_version: 3,
    patch: [{ op: 'replace', path: '/evaluation/funds/executed', value: '110.00' }],
  });
  assert.equal(req.headers['x-csrf-token'], 'tok-123');
  assert.match(await executed.getAttribute('class'), /is-dirty/);

  await executed.fill('124.88');
  await page.waitForFunction(() => !document.querySelector('#findings-list').textContent.includes('R202'));
  assert.equal(await rate.getAttribute('aria-invalid'), null);
  assert.doesNotMatch(await rate.getAttribute('class'), /has-finding/);
  assert.equal(await page.textContent('.field-findings[data-for="/evaluation/funds/execution_rate"]'), '');
  assert.equal(lastRequest(server, 'POST', '/api/v1/packages/7/check').json.patch.length, 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('typing fast sends one check', async () => {
  const { page, server } = await open('/packages/7');
  const executed = page.locator('[data-pointer="/evaluation/funds/executed"]');
  await executed.click();
  await executed.press('End');
  await page.keyboard.type('123', { delay: 30 });
  await page.waitForSelector('#findings-list li:has-text("R202")');
  const checks = server.state.requests.filter((r) => r.path.endsWith('/check'));
  assert.equal(checks.length, 1);
  await page.context().close();
});

test('a 422 from the check shows as an entry on the field it names', async () => {
  const { page } = await open('/packages/7');
  // The edit is on another field: the message names executed, so that is where it goes.
  await page.fill('[data-pointer="/evaluation/funds/executed"]', 'abc');
  await page.waitForSelector('#findings-list li.finding-invalid');
  const executed = page.locator('[data-pointer="/evaluation/funds/executed"]');
  assert.match(await executed.getAttribute('class'), /has-finding/);
  assert.match(await page.textContent('.field-findings[data-for="/evaluation/funds/executed"]'), /不是数字/);
  assert.match(await page.locator('#findings-list li.finding-invalid').textContent(), /错误/);
  // Fixing it removes the entry.
  await executed.fill('124.88');
  await page.waitForFunction(() => !document.querySelector('#findings-list li.finding-invalid'));
  assert.doesNotMatch(await executed.getAttribute('class'), /has-finding/);
  await page.context().close();
});

test('an emptied nullable field is sent as null', async () => {
  const { page, server } = await open('/packages/7');
  await page.fill('[data-pointer="/evaluation/funds/government_fund"]', '5');
  await page.waitForFunction(() => document.querySelector('#findings').dataset.state === 'ready' &&
    document.querySelector('[data-pointer="/evaluation/funds/government_fund"]').classList.contains('is-dirty'));
  await page.waitForTimeout(400);
  assert.deepEqual(lastRequest(server, 'POST', '/api/v1/packages/7/check').json.patch,
    [{ op: 'replace', path: '/evaluation/funds/government_fund', value: '5' }]);
  // A field whose saved value is set, emptied, is null.
  await page.fill('[data-pointer="/evaluation/funds/government_fund"]', '');
  await page.fill('[data-pointer="/evaluation/funds/other_funds"]', ' ');
  await page.fill('[data-pointer="/evaluation/funds/full_year_budget"]', '');
  await page.waitForTimeout(450);
  // …and a field that is not nullable, emptied, is the empty string.
  assert.deepEqual(lastRequest(server, 'POST', '/api/v1/packages/7/check').json.patch, [
    { op: 'replace', path: '/evaluation/funds/full_year_budget', value: '' },
    { op: 'replace', path: '/evaluation/funds/other_funds', value: null },
  ]);
  await page.context().close();
});

test('save: PATCH with the edits, new version, originals and hidden versions updated; Ctrl+S saves', async () => {
  const { page, server } = await open('/packages/7');
  await page.fill('[data-pointer="/evaluation/funds/executed"]', '124.98');
  await page.click('#save');
  await page.waitForSelector('#save-status:has-text("已保存为第 4 版")');
  const req = lastRequest(server, 'PATCH', '/api/v1/packages/7');
  assert.deepEqual(req.json, { base_version: 3, patch: [{ op: 'replace', path: '/evaluation/funds/executed', value: '124.98' }] });
  assert.equal(req.headers['x-csrf-token'], 'tok-123');
  assert.equal(await page.getAttribute('#editor', 'data-version'), '4');
  assert.equal(await page.getAttribute('[data-pointer="/evaluation/funds/executed"]', 'data-original'), '124.98');
  assert.equal(await page.inputValue('input[name="version"]'), '4');
  assert.equal(await page.textContent('#sum-rate'), '98.33');
  // Nothing left to save.
  await page.click('#save');
  await page.waitForSelector('#save-status:has-text("没有未保存的修改")');
  // Ctrl+S from inside a field.
  await page.fill('[data-pointer="/report/sections/5/text"]', '执行上，全年支出未突破预算总额，预算作了调整。');
  await page.keyboard.press('Control+s');
  await page.waitForSelector('#save-status:has-text("已保存为第 5 版")');
  assert.equal(lastRequest(server, 'PATCH', '/api/v1/packages/7').json.base_version, 4);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('save conflict (409): edits kept, conflicting fields named, a link to the latest version', async () => {
  const { page, server } = await open('/packages/7');
  server.state.save = 'conflict';
  await page.fill('[data-pointer="/evaluation/funds/executed"]', '124.98');
  await page.click('#save');
  await page.waitForSelector('#save-status.is-conflict');
  const text = await page.textContent('#save-status');
  assert.match(text, /已被他人修改/);
  assert.match(text, /全年执行数/);
  assert.equal(await page.locator('#save-status a', { hasText: '查看最新版本' }).count(), 1);
  assert.equal(await page.inputValue('[data-pointer="/evaluation/funds/executed"]'), '124.98');
  assert.equal(await page.getAttribute('#editor', 'data-version'), '3');
  assert.match(await page.getAttribute('[data-pointer="/evaluation/funds/executed"]', 'class'), /has-conflict/);
  await page.context().close();
});

test('leaving with unsaved edits asks first', async () => {
  const { page } = await open('/packages/7');
  await page.fill('[data-pointer="/evaluation/funds/executed"]', '124.98');
  await page.click('h1'); // a user gesture, which Chromium wants before it asks
  await page.goto(`${ORIGIN}/`);
  assert.equal(page.dialogs.filter((d) => d.type === 'beforeunload').length, 1);
  await page.context().close();
});

test('tree edits: add, move and remove (confirmed) are saved at once with the pending edits', async () => {
  const { page, server } = await open('/packages/7');
  await page.click('details summary');
  await page.fill('[data-pointer="/evaluation/funds/executed"]', '124.98');
  await Promise.all([page.waitForEvent('load'), page.click('button[data-op="add"]')]);
  let req = lastRequest(server, 'PATCH', '/api/v1/packages/7');
  assert.deepEqual(req.json.patch, [
    { op: 'replace', path: '/evaluation/funds/executed', value: '124.98' },
    { op: 'add', path: '/evaluation/indicators/0/children/-',
      value: { name: '新指标', target: '', actual: '', weight: null, score: null, deviation: '' } },
  ]);
  assert.equal(page.dialogs.length, 0, 'no beforeunload question after a saved tree edit');
  await page.click('details summary');
  await Promise.all([page.waitForEvent('load'),
    page.click('button[data-op="move-down"][data-pointer="/evaluation/indicators/0/children/0"]')]);
  req = lastRequest(server, 'PATCH', '/api/v1/packages/7');
  assert.deepEqual(req.json, { base_version: 4, patch: [
    { op: 'move', from: '/evaluation/indicators/0/children/0', path: '/evaluation/indicators/0/children/1' }] });
  await page.click('details summary');
  await Promise.all([page.waitForEvent('load'),
    page.click('button[data-op="move-up"][data-pointer="/evaluation/indicators/0/children/1"]')]);
  req = lastRequest(server, 'PATCH', '/api/v1/packages/7');
  assert.deepEqual(req.json.patch, [
    { op: 'move', from: '/evaluation/indicators/0/children/1', path: '/evaluation/indicators/0/children/0' }]);
  await page.click('details summary');
  await Promise.all([page.waitForEvent('load'),
    page.click('button[data-op="remove"][data-pointer="/evaluation/indicators/0/children/1"]')]);
  req = lastRequest(server, 'PATCH', '/api/v1/packages/7');
  assert.deepEqual(req.json.patch, [{ op: 'remove', path: '/evaluation/indicators/0/children/1' }]);
  assert.equal(page.dialogs.length, 1);
  assert.match(page.dialogs[0].message, /确定删除指标“受众人数”/);
  // The first cannot move up, nor the last down.
  assert.equal(await page.isDisabled('button[data-op="move-up"][data-pointer="/evaluation/indicators/0/children/0"]'), true);
  assert.equal(await page.isDisabled('button[data-op="move-down"][data-pointer="/evaluation/indicators/0/children/1"]'), true);
  assert.equal(await page.isDisabled('button[data-op="move-down"][data-pointer="/evaluation/indicators/0/children/0"]'), false);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a read-only editor does not check or save', async () => {
  const { page, server } = await open('/packages/7/readonly');
  await page.fill('[data-pointer="/evaluation/funds/executed"]', '1');
  await page.keyboard.press('Control+s');
  await page.waitForTimeout(450);
  assert.equal(server.state.requests.length, 0);
  await page.context().close();
});

test('generic forms: integers typed, empty optional fields left out, reload after; status without data-next', async () => {
  const { page, server } = await open('/packages/7');
  await Promise.all([page.waitForEvent('load'), page.click('text=提交审核')]);
  const req = lastRequest(server, 'POST', '/api/v1/packages/7/submit');
  assert.deepEqual(req.json, { version: 3 });
  assert.equal(req.headers['x-csrf-token'], 'tok-123');
  await page.fill('#c2', '请核对执行率。');
  await page.click('text=发表');
  await page.waitForSelector('.form-status:has-text("已完成")');
  assert.deepEqual(lastRequest(server, 'POST', '/api/v1/packages/7/comments').json, { body: '请核对执行率。' });
  await page.context().close();
});

test('import: preview of what was recognised and what changes, then commit as a new version', async () => {
  const { page, server } = await open('/packages/7/import');
  await page.setInputFiles('#import input[type="file"]', {
    name: 'kexie.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: Buffer.from('PK fake docx'),
  });
  await page.waitForSelector('#import-preview table.import-changes');
  const recognised = await page.locator('#import-preview table.import-recognised tbody tr').allTextContents();
  assert.ok(recognised.some((row) => /自评表 › 绩效指标\s*10/.test(row)), recognised.join(' | '));
  const changes = await page.locator('#import-preview table.import-changes tbody tr').allTextContents();
  assert.equal(changes.length, 2);
  assert.match(changes[0], /全年执行数.*124\.88.*124\.98/);
  assert.match(changes[1], /（空）.*优/);
  assert.match(await page.textContent('#import-preview'), /I601/);
  const preview = lastRequest(server, 'POST', '/api/v1/packages/7/import');
  assert.match(preview.raw, /name="file"; filename="kexie.docx"/);
  assert.doesNotMatch(preview.raw, /name="commit"/);
  assert.equal(preview.headers['x-csrf-token'], 'tok-123');
  await Promise.all([page.waitForURL(`${ORIGIN}/packages/7`), page.click('#import-commit')]);
  const commit = server.state.requests.filter((r) => r.path.endsWith('/import')).at(-1);
  assert.match(commit.raw, /name="commit"\r\n\r\n1\r\n/);
  assert.match(commit.raw, /name="base_version"\r\n\r\n3\r\n/);
  assert.match(commit.raw, /filename="kexie.docx"/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('logout deletes the session and goes to /login', async () => {
  const { page, server } = await open('/');
  await Promise.all([page.waitForURL(`${ORIGIN}/login`), page.click('#logout')]);
  const req = lastRequest(server, 'DELETE', '/api/v1/session');
  assert.equal(req.headers['x-csrf-token'], 'tok-123');
  await page.context().close();
});

test('at phone width the page does not scroll sideways; tables scroll in their box', async () => {
  const { page } = await open('/packages/7', { viewport: { width: 360, height: 740 } });
  await page.click('details summary');
  const widths = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
    wrapped: !!document.querySelector('.table-wrap > table'),
  }));
  assert.ok(widths.doc <= widths.view, `page is ${widths.doc}px wide in a ${widths.view}px view`);
  assert.ok(widths.wrapped);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// JX_FIXTURE_SHOTS=DIR: pictures of these fixture pages, to look at the stylesheet without a
// server (not part of a normal run).
test('fixture screenshots', { skip: !process.env.JX_FIXTURE_SHOTS }, async () => {
  const dir = process.env.JX_FIXTURE_SHOTS;
  for (const [name, viewport] of [['wide', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const { page } = await open('/packages/7', { viewport });
    await page.click('details summary');
    await page.fill('[data-pointer="/evaluation/funds/executed"]', '110.00');
    await page.waitForSelector('#findings-list li:has-text("R202")');
    await page.screenshot({ path: join(dir, `editor-${name}.png`), fullPage: true });
    await page.goto(`${ORIGIN}/packages/7/import`);
    await page.setInputFiles('#import input[type="file"]', { name: 'kexie.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('x') });
    await page.waitForSelector('#import-preview table');
    await page.screenshot({ path: join(dir, `import-${name}.png`), fullPage: true });
    await page.goto(`${ORIGIN}/login`);
    await page.screenshot({ path: join(dir, `login-${name}.png`) });
    await page.context().close();
  }
});
