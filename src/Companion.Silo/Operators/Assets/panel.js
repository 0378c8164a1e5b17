// The companion panel: polls /admin/api/overview every two seconds while the page is visible,
// and not at all while it is hidden, so an open but unwatched tab costs the silo nothing.
// Everything is written with textContent: nothing from the server is ever parsed as HTML.
'use strict';

const pollMs = 2000;
let timer = null;
let inFlight = false;
let shownUser = null;

const pick = (data, path) => path.split('.').reduce((v, k) => (v == null ? v : v[k]), data);
const format = (v) => (typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(2)) : (v ?? '–'));

function render(data) {
  for (const el of document.querySelectorAll('[data-field]')) {
    el.textContent = format(pick(data, el.dataset.field));
  }
  const storage = document.getElementById('storage');
  storage.className = 'value ' + (data.storage.status === 'Healthy' ? 'ok' : 'bad');
  const rows = Object.entries(data.events.byType).sort((a, b) => b[1] - a[1]);
  document.getElementById('by-type').replaceChildren(...rows.map(([type, n]) => row(type, format(n))));
  document.getElementById('silo-rows').replaceChildren(...data.cluster.silos.map(siloRow));
}

function siloRow(s) {
  const tr = document.createElement('tr');
  if (!s.current) tr.className = 'bad';
  for (const value of [s.silo, s.reportedAt + (s.current ? '' : ' (not current)'), format(s.counters.eventsAppended), format(s.activeUserGrains), format(s.counters.activations)]) {
    const td = document.createElement('td');
    td.textContent = value;
    tr.append(td);
  }
  return tr;
}

function row(label, value) {
  const tr = document.createElement('tr');
  const th = document.createElement('th');
  const td = document.createElement('td');
  th.textContent = label;
  td.textContent = value;
  tr.append(th, td);
  return tr;
}

async function poll() {
  timer = null;
  if (document.visibilityState !== 'visible') return;
  inFlight = true;
  try {
    const response = await fetch('/admin/api/overview', { credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 401) { location.href = '/login?returnUrl=%2Fadmin'; return; }
    if (!response.ok) throw new Error('HTTP ' + response.status);
    render(await response.json());
    await refreshWebhooks();
    document.getElementById('status').textContent = 'updated ' + new Date().toLocaleTimeString('en-GB');
    if (shownUser) await showUser(shownUser);
  } catch (e) {
    document.getElementById('status').textContent = 'not updating: ' + e.message;
  }
  inFlight = false;
  schedule();
}

function schedule() {
  if (timer === null && document.visibilityState === 'visible') timer = setTimeout(poll, pollMs);
}

async function showUser(userId) {
  const error = document.getElementById('user-error');
  const response = await fetch('/admin/api/users/' + encodeURIComponent(userId), { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    error.textContent = problem.detail || ('HTTP ' + response.status);
    document.getElementById('user-rows').replaceChildren();
    shownUser = null;
    return;
  }
  const u = await response.json();
  error.textContent = '';
  const rows = [
    row('user id', u.userId),
    row('stream version', format(u.streamVersion)),
    row('head hash', u.headHash),
    row('registered', u.registeredAt ?? '–'),
    row('last activity', u.lastActivityAt ?? '–'),
    row('snapshot version', u.snapshot ? format(u.snapshot.version) : 'none'),
    row('snapshot age', u.snapshot ? format(u.snapshot.ageSeconds) + ' s' : '–'),
    row('companions', format(u.companions)),
    row('journal entries', format(u.journalEntries)),
    row('activation: replayed events', format(u.activation.replayedEvents)),
    row('activation: load time', format(u.activation.loadMilliseconds) + ' ms'),
    ...Object.entries(u.eventsByType).map(([type, n]) => row('events: ' + type, format(n))),
  ];
  document.getElementById('user-rows').replaceChildren(...rows);
  shownUser = userId;
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && timer === null && !inFlight) poll();
  else if (document.visibilityState !== 'visible' && timer !== null) { clearTimeout(timer); timer = null; }
});

document.getElementById('user-form').addEventListener('submit', (e) => {
  e.preventDefault();
  showUser(document.getElementById('user-id').value.trim());
});

poll();
