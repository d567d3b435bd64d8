// jixiao's only browser script, served at /static/app.js (deferred). The pages are rendered by
// the server in Chinese and work without it as far as plain HTML can; this script adds what
// needs JavaScript, keyed on the markup the server promises (src/server/pages.cc):
//   - form[data-api]        generic API forms: JSON or multipart, CSRF header, error display;
//   - #logout               ends the session;
//   - form#editor           the package editor: live check of unsaved edits, findings on the
//                           fields, save with conflict handling, indicator-tree edits;
//   - form#import           a document's import preview, then its commit as a new version.
// The server speaks JSON under /api/v1; errors are {"error": {"status", "message"}}.
// No inline script or style is needed (CSP: default-src 'self').
'use strict';

(() => {
  // ---------------------------------------------------------------------------------------
  // Requests

  const SEVERITY_LABEL = {
    error: '错误',
    inconsistency: '不一致',
    warning: '警告',
    note: '提示',
    info: '提示', // `check --format json` writes "info" for notes
  };
  const SEVERITY_RANK = { error: 0, inconsistency: 1, warning: 2, note: 3, info: 3 };
  const SEVERITY_CLASSES = ['sev-error', 'sev-inconsistency', 'sev-warning', 'sev-note'];

  function severityKey(severity) {
    return severity === 'info' ? 'note' : SEVERITY_LABEL[severity] ? severity : 'note';
  }

  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf"]');
    return meta ? meta.getAttribute('content') : null;
  }

  // One API request. Never throws: resolves to {ok, status, data, message}, where `message` is
  // the server's error text (or a network failure's) when !ok. `body` is a plain value (sent
  // as JSON), a FormData (sent as multipart) or undefined.
  async function request(method, url, body) {
    const headers = { Accept: 'application/json' };
    const token = csrfToken();
    if (token && method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = token;
    let payload;
    if (body instanceof FormData) {
      payload = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: payload,
        credentials: 'same-origin',
      });
    } catch (e) {
      return {
        ok: false,
        status: 0,
        data: null,
        message: '无法连接服务器，请检查网络后重试。 / Cannot reach the server.',
      };
    }
    let data = null;
    try {
      const text = await response.text();
      if (text) data = JSON.parse(text);
    } catch (e) {
      data = null;
    }
    let message = '';
    if (!response.ok) {
      message =
        data && data.error && data.error.message
          ? String(data.error.message)
          : `请求失败（HTTP ${response.status}） / Request failed (HTTP ${response.status})`;
    }
    return { ok: response.ok, status: response.status, data, message };
  }

  // Where to go after a successful login: ?next=/path on the login page (same origin only).
  function nextFromQuery() {
    const next = new URLSearchParams(location.search).get('next');
    return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
      ? next
      : null;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = value;
        else node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function shown(value) {
    if (value === null || value === undefined || value === '') return '（空）';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value === 'object' && typeof value.name === 'string') return value.name;
    return JSON.stringify(value);
  }

  // ---------------------------------------------------------------------------------------
  // Generic API forms: <form data-api data-method data-next data-body>

  const TRANSITION = /\/(submit|return|forward|accept|publish|unpublish)$/;

  function formError(form) {
    let node = form.querySelector('.form-error');
    if (!node) {
      node = el('p', { class: 'form-error', role: 'alert' });
      form.append(node);
    }
    return node;
  }

  function setBusy(form, busy) {
    if (busy) form.setAttribute('aria-busy', 'true');
    else form.removeAttribute('aria-busy');
    for (const button of form.querySelectorAll('button, input[type="submit"]')) {
      if (busy) {
        if (!button.disabled) {
          button.disabled = true;
          button.dataset.busyDisabled = '1';
        }
      } else if (button.dataset.busyDisabled) {
        button.disabled = false;
        delete button.dataset.busyDisabled;
      }
    }
  }

  // The value of one named control as the API wants it; undefined to leave it out.
  function controlValue(control) {
    if (control.type === 'checkbox') return control.checked;
    if (control.type === 'radio') return control.checked ? typedValue(control, control.value) : undefined;
    if (control.tagName === 'SELECT' && control.multiple) {
      return Array.from(control.selectedOptions, (o) => typedValue(control, o.value));
    }
    const value = control.value;
    if (value === '' && !control.required) return undefined;
    return typedValue(control, value);
  }

  function typedValue(control, value) {
    if (control.dataset.type === 'int') {
      const text = value.trim();
      const number = Number(text);
      if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(number)) {
        const label = control.labels && control.labels[0] ? control.labels[0].textContent.trim() : control.name;
        throw new Error(`“${label}”应为整数。 / "${control.name}" must be an integer.`);
      }
      return number;
    }
    return value;
  }

  function isDataControl(control) {
    if (!control.name || control.disabled) return false;
    const type = control.type;
    return !['submit', 'button', 'reset', 'image', 'fieldset'].includes(type) &&
      control.tagName !== 'OUTPUT' && control.tagName !== 'FIELDSET' && control.tagName !== 'OBJECT';
  }

  function formJson(form, submitter) {
    const body = {};
    for (const control of form.elements) {
      if (!isDataControl(control) || control.type === 'file') continue;
      const value = controlValue(control);
      if (value !== undefined) body[control.name] = value;
    }
    if (submitter && submitter.name) body[submitter.name] = typedValue(submitter, submitter.value);
    return body;
  }

  // A table of lines (<tr data-line="pointer"> with inputs "score" and "reason"), sent as
  // {scores: [{pointer, score, reason}]}: the lines without a score are left out.
  function formLines(form) {
    const scores = [];
    for (const row of form.querySelectorAll('tr[data-line]')) {
      const score = row.querySelector('[name="score"]');
      const reason = row.querySelector('[name="reason"]');
      if (!score || score.value.trim() === '') continue;
      scores.push({ pointer: row.dataset.line, score: score.value.trim(), reason: reason ? reason.value : '' });
    }
    return { scores };
  }

  function formMultipart(form, submitter) {
    const body = new FormData();
    for (const control of form.elements) {
      if (!isDataControl(control)) continue;
      if (control.type === 'file') {
        for (const file of control.files) body.append(control.name, file, file.name);
        continue;
      }
      const value = controlValue(control);
      if (value === undefined) continue;
      if (Array.isArray(value)) value.forEach((v) => body.append(control.name, String(v)));
      else body.append(control.name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
    }
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    return body;
  }

  async function submitApiForm(form, submitter) {
    const errorNode = formError(form);
    const statusNode = form.querySelector('.form-status');
    errorNode.textContent = '';
    if (statusNode) statusNode.textContent = '';
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    const url = form.dataset.api;
    const method = (form.dataset.method || 'POST').toUpperCase();
    // A workflow action acts on the saved version: say so when the editor holds unsaved edits.
    if (editor && editor.dirty() && TRANSITION.test(url)) {
      if (!window.confirm('编辑区有未保存的修改。此操作针对已保存的版本，未保存的修改将丢失。继续吗？')) {
        return;
      }
      editor.discardOnLeave();
    }
    let body;
    try {
      body = form.dataset.body === 'multipart' ? formMultipart(form, submitter)
        : form.dataset.body === 'lines' ? formLines(form) : formJson(form, submitter);
    } catch (e) {
      errorNode.textContent = e.message;
      return;
    }
    setBusy(form, true);
    const result = await request(method, url, body);
    setBusy(form, false);
    if (!result.ok) {
      errorNode.textContent = result.message;
      return;
    }
    const next = form.id === 'login' ? nextFromQuery() || form.dataset.next : form.dataset.next;
    if (next === 'reload') {
      if (editor) editor.discardOnLeave();
      location.reload();
    } else if (next) {
      if (editor) editor.discardOnLeave();
      location.assign(next);
    } else if (statusNode) {
      statusNode.textContent = '已完成';
    } else {
      form.append(el('p', { class: 'form-status', role: 'status', text: '已完成' }));
    }
  }

  function initApiForms() {
    document.addEventListener('submit', (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.dataset.api) return;
      event.preventDefault();
      if (form.getAttribute('aria-busy') === 'true') return;
      submitApiForm(form, event.submitter || null);
    });
  }

  function initLogout() {
    const button = document.getElementById('logout');
    if (!button) return;
    button.addEventListener('click', async (event) => {
      event.preventDefault();
      if (editor && editor.dirty() &&
          !window.confirm('编辑区有未保存的修改，退出后将丢失。继续退出吗？')) {
        return;
      }
      if (editor) editor.discardOnLeave();
      button.disabled = true;
      await request('DELETE', '/api/v1/session');
      location.assign('/login');
    });
  }

  // ---------------------------------------------------------------------------------------
  // Findings, as `jixiao check --format json` prints them

  function findingKey(finding) {
    const pointer = finding.location && finding.location.pointer;
    return [finding.severity, finding.code, pointer, finding.message].join('\u0001');
  }

  // The list item of one finding. `target` is the field it points at (or null).
  function findingItem(finding, target) {
    const sev = severityKey(finding.severity);
    const pointer = finding.location && finding.location.pointer;
    const item = el('li', {
      class: `finding sev-${sev}${finding.invalid ? ' finding-invalid' : ''}`,
      'data-code': finding.code || undefined,
      'data-finding-pointer': pointer || undefined,
    });
    const head = el('div', { class: 'finding-head' },
      el('span', { class: 'sev-label', text: SEVERITY_LABEL[sev] }));
    if (finding.code) head.append(' ', el('code', { class: 'finding-code', text: finding.code }));
    item.append(head);
    item.append(el('p', { class: 'finding-message', text: finding.message || '' }));
    const facts = [];
    if (finding.reported) facts.push(`填报：${finding.reported}`);
    if (finding.computed) facts.push(`复算：${finding.computed}`);
    if (finding.tolerance) facts.push(`容差：${finding.tolerance}`);
    if (facts.length) item.append(el('p', { class: 'finding-facts', text: facts.join('；') }));
    if (finding.hint) item.append(el('p', { class: 'finding-hint', text: `建议：${finding.hint}` }));
    const path = finding.location && finding.location.path;
    if (target && target.id) {
      const link = el('a', {
        class: 'finding-link',
        href: `#${target.id}`,
        'data-field': target.id,
        text: path ? `定位：${path}` : `定位到“${fieldName(target)}”`,
      });
      item.append(el('p', { class: 'finding-where' }, link));
    } else if (path) {
      item.append(el('p', { class: 'finding-where', text: `位置：${path}` }));
    }
    return item;
  }

  function fieldName(field) {
    const label = field.labels && field.labels[0];
    if (label) return label.textContent.trim();
    return field.getAttribute('aria-label') || field.dataset.pointer || field.name || '';
  }

  // Brings a field into view and focuses it, opening any <details> it is folded in.
  function focusField(field) {
    for (let node = field.parentElement; node; node = node.parentElement) {
      if (node.tagName === 'DETAILS' && !node.open) node.open = true;
    }
    field.scrollIntoView({ block: 'center', behavior: 'auto' });
    field.focus({ preventScroll: true });
  }

  function initFindingLinks() {
    document.addEventListener('click', (event) => {
      const link = event.target.closest && event.target.closest('a.finding-link');
      if (!link) return;
      const field = document.getElementById(link.dataset.field || link.hash.slice(1));
      if (!field) return;
      event.preventDefault();
      history.replaceState(null, '', `#${field.id}`);
      focusField(field);
    });
  }

  function countText(findings) {
    if (!findings.length) return '没有发现问题。';
    const counts = { error: 0, inconsistency: 0, warning: 0, note: 0 };
    for (const f of findings) counts[severityKey(f.severity)]++;
    const parts = Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([sev, n]) => `${SEVERITY_LABEL[sev]} ${n}`);
    return `共 ${findings.length} 条：${parts.join('，')}。`;
  }

  // Updates `list` to show `items` ([{key, build()}]) in order, keeping the nodes of entries
  // that were already there, so that a polite live region announces only what changed.
  function reconcileList(list, items) {
    const old = new Map();
    for (const node of Array.from(list.children)) {
      const key = node.dataset.key;
      if (!old.has(key)) old.set(key, []);
      old.get(key).push(node);
    }
    const nodes = items.map((item) => {
      const reused = old.get(item.key) && old.get(item.key).shift();
      const node = reused || item.build();
      node.dataset.key = item.key;
      return node;
    });
    const keep = new Set(nodes);
    for (const node of Array.from(list.children)) if (!keep.has(node)) node.remove();
    let cursor = list.firstElementChild;
    for (const node of nodes) {
      if (node === cursor) cursor = cursor.nextElementSibling;
      else list.insertBefore(node, cursor);
    }
  }

  // ---------------------------------------------------------------------------------------
  // The package editor: <form id="editor" data-package data-version data-editable>

  let editor = null;

  function initEditor(form) {
    const packageId = form.dataset.package;
    const editable = form.dataset.editable === '1';
    const fields = Array.from(
      form.querySelectorAll('input[data-pointer], textarea[data-pointer], select[data-pointer]'));
    const byPointer = new Map(fields.map((f) => [f.dataset.pointer, f]));
    const findingSpans = new Map();
    for (const span of document.querySelectorAll('.field-findings[data-for]')) {
      findingSpans.set(span.dataset.for, span);
    }
    const panel = document.getElementById('findings');
    const list = document.getElementById('findings-list');
    const count = document.getElementById('findings-count');
    const saveButton = document.getElementById('save');
    const saveStatus = document.getElementById('save-status');

    let lastFindings = [];
    let invalid = null; // {message, field}: the last 422 of a check
    let lastEdited = null;
    let checkTimer = 0;
    let checkSeq = 0;
    let saving = false;
    let leaving = false;

    const version = () => Number(form.dataset.version);

    function original(field) {
      return field.dataset.original === undefined ? '' : field.dataset.original;
    }

    // The JSON value of a field: its text, or null when a nullable field is left blank.
    function valueOf(field) {
      if (field.dataset.nullable === '1' && field.value.trim() === '') return null;
      return field.value;
    }

    function changed(field) {
      const value = valueOf(field);
      return value === null ? original(field).trim() !== '' : value !== original(field);
    }

    function buildPatch() {
      return fields
        .filter(changed)
        .map((field) => ({ op: 'replace', path: field.dataset.pointer, value: valueOf(field) }));
    }

    const dirty = () => fields.some(changed);

    function markDirty(field) {
      field.classList.toggle('is-dirty', changed(field));
    }

    // The field a pointer is best shown on: the field itself, else the first field inside the
    // pointed-at node (an indicator row's name), else the nearest ancestor that has a field.
    function fieldFor(pointer) {
      if (typeof pointer !== 'string' || pointer === '') return null;
      if (byPointer.has(pointer)) return byPointer.get(pointer);
      const inside = fields.find((f) => f.dataset.pointer.startsWith(`${pointer}/`));
      if (inside) return inside;
      let p = pointer;
      while (p.lastIndexOf('/') > 0) {
        p = p.slice(0, p.lastIndexOf('/'));
        if (byPointer.has(p)) return byPointer.get(p);
      }
      return null;
    }

    function clearMarks() {
      for (const field of fields) {
        if (!field.classList.contains('has-finding')) continue;
        field.classList.remove('has-finding', ...SEVERITY_CLASSES);
        field.removeAttribute('aria-invalid');
      }
      for (const span of findingSpans.values()) span.replaceChildren();
    }

    function spanFor(field) {
      const span = findingSpans.get(field.dataset.pointer);
      if (!span) return null;
      if (!span.id) span.id = `${field.id || 'field'}-findings`;
      const described = (field.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      if (!described.includes(span.id)) {
        described.push(span.id);
        field.setAttribute('aria-describedby', described.join(' '));
      }
      return span;
    }

    function mark(field, finding) {
      const sev = severityKey(finding.severity);
      const current = SEVERITY_CLASSES.find((c) => field.classList.contains(c));
      if (!current || SEVERITY_RANK[sev] < SEVERITY_RANK[current.slice(4)]) {
        field.classList.remove(...SEVERITY_CLASSES);
        field.classList.add(`sev-${sev}`);
      }
      field.classList.add('has-finding');
      field.setAttribute('aria-invalid', 'true');
      const span = spanFor(field);
      if (span) {
        span.append(el('span', { class: `field-finding sev-${sev}` },
          el('span', { class: 'sev-label', text: SEVERITY_LABEL[sev] }),
          finding.code ? ` ${finding.code} ` : ' ',
          finding.message || ''));
      }
    }

    function render() {
      const shownFindings = invalid
        ? [{ severity: 'error', code: '', message: invalid.message, invalid: true,
             location: { pointer: invalid.field ? invalid.field.dataset.pointer : '' } }]
            .concat(lastFindings)
        : lastFindings.slice();
      shownFindings.sort((a, b) =>
        (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3));
      clearMarks();
      const items = shownFindings.map((finding) => {
        const target = fieldFor(finding.location && finding.location.pointer);
        if (target) mark(target, finding);
        return { key: findingKey(finding), build: () => findingItem(finding, target) };
      });
      if (list) reconcileList(list, items);
      if (count) count.textContent = countText(shownFindings);
    }

    function setSummary(summary, score) {
      if (summary) {
        const put = (id, value) => {
          const node = document.getElementById(id);
          if (node && value !== undefined) node.textContent = value === null || value === '' ? '—' : String(value);
        };
        put('sum-total', summary.total);
        put('sum-grade', summary.grade);
        put('sum-rate', summary.execution_rate);
      }
      for (const output of document.querySelectorAll('output[data-computed]')) {
        const value = computedValue(output, summary, score);
        if (value !== undefined) output.textContent = value === null || value === '' ? '—' : String(value);
      }
    }

    // The value a <output data-computed="key"> shows: an indicator's entry of the score sheet
    // when the output names the indicator (data-pointer), else the summary's or the score
    // sheet's key, else a derived figure of that key (as shown, "87.50%").
    function computedValue(output, summary, score) {
      const key = output.dataset.computed;
      const pointer = output.dataset.for || output.dataset.pointer;
      if (pointer) {
        const indicator = score && Array.isArray(score.indicators)
          ? score.indicators.find((i) => i.pointer === pointer)
          : null;
        if (!indicator) return undefined;
        if (key in indicator) return indicator[key];
        if (key === 'score') return indicator.computed_score;
        return undefined;
      }
      if (summary && key in summary && typeof summary[key] !== 'object') return summary[key];
      if (score) {
        if (key in score && typeof score[key] !== 'object') return score[key];
        if (key === 'score' && 'execution_score' in score) return score.execution_score;
        const derived = Array.isArray(score.derived) && score.derived.find((d) => d.key === key);
        if (derived) return derived.shown;
      }
      return undefined;
    }

    // New findings (an answer without them, a save that changed nothing, keeps the last ones).
    function setFindings(findings, summary, score) {
      if (Array.isArray(findings)) lastFindings = findings;
      invalid = null;
      render();
      setSummary(summary, score);
    }

    // A 422: the edit makes the package invalid. Its message goes on the field it names.
    function showInvalid(result) {
      const error = (result.data && result.data.error) || {};
      let field = error.pointer ? fieldFor(error.pointer) : null;
      if (!field) {
        const message = result.message;
        let best = null;
        for (const pointer of byPointer.keys()) {
          const at = message.indexOf(pointer);
          if (at < 0) continue;
          const after = message.charAt(at + pointer.length);
          if (/[A-Za-z0-9_~/-]/.test(after)) continue;
          if (!best || pointer.length > best.length) best = pointer;
        }
        field = best ? byPointer.get(best) : lastEdited;
      }
      invalid = { message: result.message, field };
      render();
    }

    function setChecking(on) {
      if (!panel) return;
      panel.setAttribute('aria-busy', on ? 'true' : 'false');
      panel.dataset.state = on ? 'checking' : 'ready';
    }

    async function check() {
      clearTimeout(checkTimer);
      const seq = ++checkSeq;
      setChecking(true);
      const result = await request('POST', `/api/v1/packages/${packageId}/check`, {
        base_version: version(),
        patch: buildPatch(),
      });
      if (seq !== checkSeq) return; // a later check or a save has superseded this one
      if (result.ok) {
        const data = result.data || {};
        setFindings(data.findings, data.summary, data.score);
      } else if (result.status === 422) {
        showInvalid(result);
      } else if (count) {
        count.textContent = `无法检查：${result.message}`;
      }
      setChecking(false);
    }

    function scheduleCheck() {
      clearTimeout(checkTimer);
      checkTimer = setTimeout(check, 300);
    }

    function status(text, kind) {
      if (!saveStatus) return;
      saveStatus.replaceChildren(text);
      saveStatus.className = kind ? `is-${kind}` : '';
    }

    function clearConflicts() {
      for (const field of fields) field.classList.remove('has-conflict');
    }

    function showConflict(result) {
      const data = result.data || {};
      const conflicts = Array.isArray(data.conflicts) ? data.conflicts : [];
      const changes = Array.isArray(data.changed_since) ? data.changed_since : [];
      const nameOf = (pointer) => {
        const change = changes.find((c) => c.pointer === pointer);
        if (change && change.field) return change.field;
        const field = fieldFor(pointer);
        return field ? fieldName(field) : pointer;
      };
      clearConflicts();
      for (const pointer of conflicts) {
        for (const field of fields) {
          const p = field.dataset.pointer;
          if (p === pointer || p.startsWith(`${pointer}/`) || pointer.startsWith(`${p}/`)) {
            field.classList.add('has-conflict');
          }
        }
      }
      const parts = [el('span', { class: 'conflict-message', text: result.message })];
      if (data.head_version) {
        parts.push(el('span', { text: ` 最新为第 ${data.head_version} 版。` }));
      }
      if (conflicts.length) {
        parts.push(el('span', { text: ' 与您的修改冲突的字段：' }));
        parts.push(el('ul', { class: 'conflict-fields' },
          ...conflicts.map((p) => el('li', { text: nameOf(p) }))));
      } else if (changes.length) {
        parts.push(el('span', { text: ' 他人修改的字段：' }));
        parts.push(el('ul', { class: 'conflict-fields' },
          ...changes.map((c) => el('li', { text: c.field || c.pointer }))));
      }
      parts.push(el('span', { text: '您的修改仍保留在页面上。' }));
      const reload = el('a', { href: location.pathname + location.search, class: 'reload-latest',
                                text: '查看最新版本' });
      parts.push(' ', reload, '（未保存的修改将丢失）');
      saveStatus.replaceChildren(...parts);
      saveStatus.className = 'is-conflict';
    }

    // Every hidden "version" of the page's workflow forms follows the saved version.
    function setVersion(number) {
      form.dataset.version = String(number);
      const head = document.getElementById('head-version');
      if (head) head.textContent = String(number);
      for (const input of document.querySelectorAll(
        'input[type="hidden"][name="version"], input[type="hidden"][name="base_version"]')) {
        input.value = String(number);
      }
      const importForm = document.getElementById('import');
      if (importForm) importForm.dataset.version = String(number);
    }

    // PATCHes `patch` against the form's version. Returns the result; on 409 and errors the
    // status line says why.
    async function sendPatch(patch) {
      clearTimeout(checkTimer);
      checkSeq++; // a check in flight is for the old version
      setChecking(false);
      saving = true;
      if (saveButton) saveButton.disabled = true;
      form.setAttribute('aria-busy', 'true');
      const result = await request('PATCH', `/api/v1/packages/${packageId}`, {
        base_version: version(),
        patch,
      });
      saving = false;
      if (saveButton) saveButton.disabled = false;
      form.setAttribute('aria-busy', 'false');
      if (result.ok) return result;
      if (result.status === 409) {
        showConflict(result);
      } else {
        if (result.status === 422) showInvalid(result);
        status(result.message, 'error');
      }
      return result;
    }

    async function save() {
      if (!editable || saving) return;
      const patch = buildPatch();
      if (!patch.length) {
        status('没有未保存的修改。');
        return;
      }
      status('正在保存…');
      const result = await sendPatch(patch);
      if (!result.ok) return;
      const data = result.data || {};
      const sent = new Map(patch.map((op) => [op.path, op.value]));
      for (const field of fields) {
        if (!sent.has(field.dataset.pointer)) continue;
        const value = sent.get(field.dataset.pointer);
        field.dataset.original = value === null ? '' : value;
        markDirty(field);
      }
      clearConflicts();
      if (data.version !== undefined) setVersion(data.version);
      setFindings(data.findings, data.summary, data.score);
      if (data.unchanged) status(`没有改动，仍为第 ${data.version} 版`, 'saved');
      else status(`已保存为第 ${data.version} 版`, 'saved');
      // Edits typed while the save was under way are checked against the new version.
      if (dirty()) scheduleCheck();
    }

    // Indicator-tree edits: saved at once (with the unsaved field edits first), then reload.
    const NEW_LEAF = { name: '新指标', target: '', actual: '', weight: null, score: null, deviation: '' };

    // How many siblings the node at `parent`/i has, counted from the tree buttons on the page
    // (0 when the page does not say).
    function siblingCount(parent) {
      let count = 0;
      for (const b of document.querySelectorAll('button[data-op][data-pointer]')) {
        const p = b.dataset.pointer;
        const cut = p.lastIndexOf('/');
        if (p.slice(0, cut) === parent && /^\d+$/.test(p.slice(cut + 1))) {
          count = Math.max(count, Number(p.slice(cut + 1)) + 1);
        }
      }
      return count;
    }

    function structureOp(button) {
      const pointer = button.dataset.pointer;
      const op = button.dataset.op;
      const cut = pointer.lastIndexOf('/');
      const parent = pointer.slice(0, cut);
      const index = Number(pointer.slice(cut + 1));
      if (op === 'add') return { op: 'add', path: `${pointer}/children/-`, value: { ...NEW_LEAF } };
      if (op === 'remove') return { op: 'remove', path: pointer };
      if ((op === 'move-up' || op === 'move-down') && Number.isInteger(index)) {
        const to = op === 'move-up' ? index - 1 : index + 1;
        const count = siblingCount(parent);
        if (to < 0 || (count > 0 && to >= count)) return null;
        return { op: 'move', from: pointer, path: `${parent}/${to}` };
      }
      return null;
    }

    // The first node cannot move up, nor the last down.
    for (const button of document.querySelectorAll('button[data-op^="move-"][data-pointer]')) {
      if (!structureOp(button)) button.disabled = true;
    }

    async function onStructureButton(button) {
      if (!editable || saving) return;
      const op = structureOp(button);
      if (!op) return;
      if (op.op === 'remove') {
        const nameField = byPointer.get(`${button.dataset.pointer}/name`);
        const name = nameField ? nameField.value : '';
        const question = name
          ? `确定删除指标“${name}”及其下级指标吗？`
          : '确定删除这一指标及其下级指标吗？';
        if (!window.confirm(question)) return;
      }
      status('正在保存…');
      const result = await sendPatch(buildPatch().concat([op]));
      if (!result.ok) return;
      leaving = true;
      location.reload();
    }

    form.addEventListener('input', (event) => {
      const field = event.target;
      if (!field.dataset || field.dataset.pointer === undefined || !byPointer.has(field.dataset.pointer)) return;
      lastEdited = field;
      markDirty(field);
      if (editable) scheduleCheck();
    });

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (event.submitter && event.submitter.id === 'save') save();
    });
    if (saveButton) {
      saveButton.addEventListener('click', (event) => {
        event.preventDefault();
        save();
      });
    }
    document.addEventListener('keydown', (event) => {
      if (editable && (event.ctrlKey || event.metaKey) && !event.altKey &&
          (event.key === 's' || event.key === 'S')) {
        event.preventDefault();
        save();
      }
    });
    document.addEventListener('click', (event) => {
      const button = event.target.closest && event.target.closest('button[data-op][data-pointer]');
      if (!button) return;
      event.preventDefault();
      onStructureButton(button);
    });
    window.addEventListener('beforeunload', (event) => {
      if (leaving || !editable || !dirty()) return;
      event.preventDefault();
      event.returnValue = '';
    });

    // The findings the page was rendered with.
    const initial = document.getElementById('initial-findings');
    if (initial) {
      try {
        const parsed = JSON.parse(initial.textContent || '[]');
        if (Array.isArray(parsed)) setFindings(parsed);
        else if (parsed && typeof parsed === 'object') setFindings(parsed.findings, parsed.summary, parsed.score);
      } catch (e) {
        if (count) count.textContent = '无法读取检查结果。';
      }
    }
    // The reviewers' comments on fields (not yet resolved), shown beside each field.
    const commented = document.getElementById('field-comments');
    if (commented) {
      let notes = [];
      try {
        notes = JSON.parse(commented.textContent || '[]');
      } catch (e) {
        notes = [];
      }
      for (const note of Array.isArray(notes) ? notes : []) {
        const field = byPointer.get(note.pointer);
        if (!field) continue;
        field.classList.add('has-comment');
        const span = document.createElement('span');
        span.className = 'field-comment';
        span.textContent = `${note.by}：${note.text}`;
        const slot = findingSpans.get(note.pointer);
        (slot || field).insertAdjacentElement('afterend', span);
      }
    }
    for (const field of fields) markDirty(field);
    setChecking(false);
    // Edits the browser restored (back/forward) are checked at once.
    if (editable && dirty()) scheduleCheck();

    return {
      dirty,
      discardOnLeave() {
        leaving = true;
      },
    };
  }

  // ---------------------------------------------------------------------------------------
  // Import: <form id="import" data-package data-version> with <input type="file" name="file">

  const RECOGNISED_LABELS = {
    basic_data: '基础数据表',
    evaluation: '自评表',
    report: '自评报告',
    unit: '单位',
    fiscal_year: '年度',
    report_sections: '报告章节',
    expense_rows: '经费行',
    values_placed: '放入的数值',
    staff: '人员情况',
    expenses: '经费行',
    buildings: '楼堂馆所',
    measures: '厉行节约措施',
    funds: '资金',
    goals: '年度目标',
    indicators: '绩效指标',
    sections: '报告章节',
    subsections: '报告小节',
    paragraphs: '段落',
    tables: '表格',
    rows: '行',
    cells: '单元格',
    values: '数值',
    figures: '数字',
    sentences: '句子',
    placed: '已放入',
    not_placed: '未放入',
  };

  function recognisedRows(value, prefix, rows) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) {
        const label = RECOGNISED_LABELS[key] || key;
        recognisedRows(inner, prefix ? `${prefix} › ${label}` : label, rows);
      }
    } else {
      rows.push([prefix, Array.isArray(value) ? value.length : shown(value)]);
    }
    return rows;
  }

  function table(caption, headers, rows, className) {
    return el('div', { class: 'table-scroll' },
      el('table', { class: className },
        el('caption', { text: caption }),
        el('thead', null, el('tr', null, ...headers.map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', null, ...rows.map((row) =>
          el('tr', null, ...row.map((cell, i) => (i === 0
            ? el('th', { scope: 'row', text: cell })
            : el('td', { text: cell }))))))));
  }

  function initImport(form) {
    const packageId = form.dataset.package;
    const fileInput = form.querySelector('input[type="file"][name="file"]') ||
      form.querySelector('input[type="file"]');
    const preview = document.getElementById('import-preview');
    const errorNode = formError(form);
    let busy = false;

    function body(commit) {
      const data = new FormData();
      for (const control of form.elements) {
        if (!isDataControl(control)) continue;
        if (control.type === 'file') {
          for (const file of control.files) data.append(control.name || 'file', file, file.name);
        } else {
          const value = controlValue(control);
          if (value !== undefined) data.append(control.name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
        }
      }
      if (commit) {
        data.set('commit', '1');
        data.set('base_version', String(form.dataset.version));
      }
      return data;
    }

    async function run(commit) {
      if (busy) return;
      errorNode.textContent = '';
      if (!fileInput || !fileInput.files.length) {
        errorNode.textContent = '请选择要导入的文件。';
        return;
      }
      busy = true;
      setBusy(form, true);
      if (preview) {
        preview.setAttribute('aria-busy', 'true');
        if (!commit) preview.replaceChildren(el('p', { class: 'muted', text: '正在读取文件…' }));
      }
      const commitButton = preview && preview.querySelector('#import-commit');
      if (commitButton) commitButton.disabled = true;
      const result = await request('POST', `/api/v1/packages/${packageId}/import`, body(commit));
      busy = false;
      setBusy(form, false);
      if (preview) preview.setAttribute('aria-busy', 'false');
      if (commitButton) commitButton.disabled = false;
      if (!result.ok) {
        errorNode.textContent = result.message;
        if (preview && !commit) preview.replaceChildren();
        if (commit && preview) {
          const note = preview.querySelector('.import-commit-error');
          if (note) note.textContent = result.message;
        }
        return;
      }
      if (commit) {
        location.assign(`/packages/${packageId}`);
        return;
      }
      if (preview) showPreview(result.data || {});
    }

    function showPreview(data) {
      const parts = [];
      const heading = el('h2', { tabindex: '-1', text: '导入预览' });
      parts.push(heading);
      const format = data.format ? `（${data.format}）` : '';
      parts.push(el('p', { class: 'import-file', text: `文件：${data.file || ''}${format}` }));

      // The unit and year first, then the counts, in a fixed order.
      const order = ['unit', 'fiscal_year', 'expense_rows', 'indicators', 'report_sections', 'values_placed'];
      const recognised = data.recognised || {};
      const keys = Object.keys(recognised).sort((a, b) =>
        ((order.indexOf(a) + 1) || 99) - ((order.indexOf(b) + 1) || 99));
      const rows = recognisedRows(Object.fromEntries(keys.map((k) => [k, recognised[k]])), '', []);
      parts.push(rows.length
        ? table('识别到的内容', ['项目', '识别结果'], rows, 'import-recognised')
        : el('p', { text: '没有识别到任何内容。' }));

      const notPlaced = Array.isArray(data.not_placed) ? data.not_placed : [];
      parts.push(el('h3', { text: `未能放入数据包的内容（${notPlaced.length}）` }));
      parts.push(notPlaced.length
        ? el('ul', { class: 'findings-list import-not-placed' },
          ...notPlaced.map((f) => findingItem(f, null)))
        : el('p', { text: '文件中的内容都已放入数据包。' }));

      const changes = Array.isArray(data.changes) ? data.changes : [];
      parts.push(el('h3', { text: `与当前版本相比的修改（${changes.length}）` }));
      parts.push(changes.length
        ? table('导入后将修改的字段', ['字段', '当前值', '导入值'],
          changes.map((c) => [c.field || c.pointer || '', shown(c.before), shown(c.after)]),
          'import-changes')
        : el('p', { text: '导入的内容与当前版本相同。' }));

      const commitButton = el('button', { type: 'button', id: 'import-commit', class: 'primary',
                                          text: '导入为新版本' });
      commitButton.addEventListener('click', () => run(true));
      parts.push(el('div', { class: 'actions' }, commitButton));
      parts.push(el('p', { class: 'import-commit-error form-error', role: 'alert' }));
      preview.replaceChildren(...parts);
      heading.focus();
    }

    if (fileInput) {
      fileInput.addEventListener('change', () => {
        if (fileInput.files.length) run(false);
        else if (preview) preview.replaceChildren();
      });
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      run(false);
    });
  }

  // ---------------------------------------------------------------------------------------
  // Tables scroll sideways inside their own box on narrow screens.

  function wrapTables() {
    for (const tableNode of document.querySelectorAll('main table, table.form-table')) {
      const parent = tableNode.parentElement;
      if (!parent || parent.classList.contains('table-scroll') ||
          parent.classList.contains('table-wrap')) continue;
      const wrapper = el('div', { class: 'table-scroll' });
      parent.insertBefore(wrapper, tableNode);
      wrapper.append(tableNode);
    }
  }

  function init() {
    wrapTables();
    initApiForms();
    initLogout();
    initFindingLinks();
    const editorForm = document.getElementById('editor');
    if (editorForm) editor = initEditor(editorForm);
    const importForm = document.getElementById('import');
    if (importForm) initImport(importForm);
    document.documentElement.classList.add('js');
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
