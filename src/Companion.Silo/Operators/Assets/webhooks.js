// The panel's webhooks section: each subscription with its enable/disable and delete buttons, and
// the dead-letter list with a replay button. It calls /admin/api/webhooks (the admin session
// cookie is not accepted on /v1) and is refreshed by panel.js on each poll. Everything is written
// with textContent; nothing from the server is parsed as HTML, and no handler is inline (the CSP
// allows only this origin's script files).
'use strict';

const webhooksApi = '/admin/api/webhooks';
let shownWebhooks = '';

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function actionButton(label, className, onClick) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.textContent = label;
  button.addEventListener('click', onClick);
  return button;
}

function emptyRow(columns, text) {
  const tr = document.createElement('tr');
  const td = cell(text, 'sub');
  td.colSpan = columns;
  tr.append(td);
  return tr;
}

function webhookRow(w) {
  const tr = document.createElement('tr');
  tr.dataset.webhookId = w.webhookId;
  const actions = document.createElement('td');
  actions.append(
    w.enabled
      ? actionButton('Disable', 'webhook-disable', () => act('POST', '/' + encodeURIComponent(w.webhookId) + '/disable'))
      : actionButton('Enable', 'webhook-enable', () => act('POST', '/' + encodeURIComponent(w.webhookId) + '/enable')),
    ' ',
    actionButton('Delete', 'webhook-delete', () => {
      if (confirm('Delete the webhook to ' + w.url + ', its delivery cursors and its dead letters?')) act('DELETE', '/' + encodeURIComponent(w.webhookId));
    }));
  tr.append(
    cell(w.url, 'webhook-url'),
    cell(w.enabled ? 'enabled' : 'disabled', 'webhook-state ' + (w.enabled ? 'ok' : 'bad')),
    cell(w.eventTypes && w.eventTypes.length ? w.eventTypes.join(', ') : 'all'),
    cell(w.includeContent ? 'with words' : 'figures only'),
    cell(format(w.deadLetters), 'webhook-dead ' + (w.deadLetters ? 'bad' : '')),
    cell(w.createdAt),
    actions);
  return tr;
}

function deadLetterRow(d) {
  const tr = document.createElement('tr');
  tr.dataset.webhookId = d.webhookId;
  tr.dataset.userId = d.userId;
  const actions = document.createElement('td');
  actions.append(actionButton('Replay', 'dead-letter-replay', () =>
    act('POST', '/' + encodeURIComponent(d.webhookId) + '/replay', { userId: d.userId, fromVersion: d.version })));
  tr.append(
    cell(d.webhookId),
    cell(d.userId, 'dead-letter-user'),
    cell(format(d.version), 'dead-letter-version'),
    cell(d.eventType ?? '–', 'dead-letter-type'),
    cell(format(d.attempts)),
    cell(d.lastError, 'dead-letter-error'),
    cell(d.parkedAt),
    actions);
  return tr;
}

async function getJson(path) {
  const response = await fetch(webhooksApi + path, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw new Error((await problemDetail(response)) || 'HTTP ' + response.status);
  return response.json();
}

async function problemDetail(response) {
  const problem = await response.json().catch(() => ({}));
  return problem.detail;
}

// An operation behind one of the section's buttons; its outcome (or the problem's detail) is shown, then the lists are read again.
async function act(method, path, body) {
  const status = document.getElementById('webhooks-status');
  try {
    const response = await fetch(webhooksApi + path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error((await problemDetail(response)) || 'HTTP ' + response.status);
    status.textContent = 'done: ' + method + ' ' + path;
    status.className = 'sub';
  } catch (e) {
    status.textContent = 'not done: ' + e.message;
    status.className = 'error';
  }
  await refreshWebhooks();
}

// Called by panel.js on each poll; the tables are rebuilt only when what they show changed, so a
// button is not replaced under the operator's pointer every two seconds.
async function refreshWebhooks() {
  let webhooks, deadLetters;
  try {
    [webhooks, deadLetters] = await Promise.all([getJson(''), getJson('/dead-letters')]);
  } catch (e) {
    const status = document.getElementById('webhooks-status');
    status.textContent = 'webhooks not updating: ' + e.message;
    status.className = 'error';
    return;
  }
  const shown = JSON.stringify([webhooks, deadLetters]);
  if (shown === shownWebhooks) return;
  shownWebhooks = shown;
  document.getElementById('webhook-rows').replaceChildren(
    ...(webhooks.length ? webhooks.map(webhookRow) : [emptyRow(7, 'No webhooks are registered (POST /v1/webhooks).')]));
  document.getElementById('dead-letter-rows').replaceChildren(
    ...(deadLetters.length ? deadLetters.map(deadLetterRow) : [emptyRow(8, 'No dead letters.')]));
}
