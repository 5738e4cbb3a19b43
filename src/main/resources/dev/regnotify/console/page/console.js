// The regnotify console page: plain JavaScript, no build step, no library. Everything that comes from the API is
// put in the page as text (textContent), never as markup: a receiver's answer or a repository name is shown as it is.
'use strict';

const TOKEN_KEY = 'regnotify-console-token';
// beside the page, wherever the server put the console's root (/console/ on the JDK's server, a web application's
// context path before it in a Jakarta EE server)
const API = 'api/';
const REFRESH_MS = 2000;
const SVG = 'http://www.w3.org/2000/svg';

let role = null;
let selected = null;
const shown = {};

function $(id) {
  return document.getElementById(id);
}

function status(text, isError) {
  const line = $('status');
  line.textContent = text;
  line.className = isError ? 'error' : '';
}

// A token in the address (#token=...) is taken once, kept in this tab's session storage, and taken off the address,
// so that it is not in the history nor shown on screen.
function tokenFromAddress() {
  const match = /^#token=(.+)$/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
}

// With a token, the request carries it and nothing else of the browser's. Without one, the browser's own credentials
// for this origin go (a Jakarta EE server's sign-in: its BASIC or its session); the JDK's server answers 401.
async function api(method, path) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const response = await fetch(API + path, {
    method: method,
    headers: token ? { 'Authorization': 'Bearer ' + token } : {},
    cache: 'no-store',
    credentials: token ? 'omit' : 'same-origin'
  });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = { code: 'not-json', message: 'the console answered ' + response.status + ' without JSON' };
  }
  return { status: response.status, ok: response.ok, body: body };
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function button(text, className, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.className = className;
  b.addEventListener('click', onClick);
  return b;
}

function replaceRows(table, rows) {
  const body = table.querySelector('tbody');
  body.replaceChildren(...rows);
}

// Re-renders only what changed, so that a button a person is about to click is not replaced under the pointer.
function changed(key, value) {
  const text = JSON.stringify(value);
  if (shown[key] === text) {
    return false;
  }
  shown[key] = text;
  return true;
}

function statusesText(statuses) {
  return Object.keys(statuses).sort().map(line => line + ' \u00d7' + statuses[line]).join('\n');
}

function renderEndpoints(endpoints) {
  if (!changed('endpoints', endpoints)) {
    return;
  }
  replaceRows($('endpoints'), endpoints.map(e => {
    const row = document.createElement('tr');
    row.dataset.name = e.name;
    const name = document.createElement('td');
    name.appendChild(button(e.name, 'link endpoint-name', () => select(e.name)));
    row.appendChild(name);
    cell(row, e.url);
    cell(row, e.state, 'state state-' + e.state);
    cell(row, e.pending, 'pending');
    cell(row, e.counters.successes, 'successes');
    cell(row, e.counters.failures, 'failures');
    cell(row, e.counters.errors, 'errors');
    cell(row, e.counters.deadLetters, 'dead-letters');
    cell(row, statusesText(e.statuses), 'statuses error-text');
    const failure = e.lastFailure;
    cell(row, failure ? failure.time + '\n' + failure.error : '', 'last-failure error-text');
    return row;
  }));
}

function renderDeadLetters(letters) {
  if (!changed('dead-letters:' + selected, letters)) {
    return;
  }
  replaceRows($('dead-letters'), letters.map(letter => {
    const row = document.createElement('tr');
    row.dataset.id = String(letter.id);
    cell(row, letter.id);
    cell(row, letter.events.map(ev => ev.id + ' ' + ev.action + ' ' + ev.repository).join('\n'), 'events error-text');
    cell(row, letter.attempts);
    cell(row, letter.lastAttempt);
    cell(row, letter.lastError, 'last-error error-text');
    const actions = document.createElement('td');
    if (role === 'operator') {
      actions.appendChild(button('Replay', 'replay', () => act('POST', 'endpoints/' + enc(selected)
          + '/dead-letters/replay?id=' + letter.id, 'dead letter ' + letter.id + ' queued for replay')));
    }
    row.appendChild(actions);
    return row;
  }));
  $('dead-letters-note').textContent = letters.length === 0 ? 'No dead letters.' : '';
}

function renderAttempts(result) {
  if (!result.ok) {
    replaceRows($('attempts'), []);
    $('attempts-note').textContent = result.body.message;
    return;
  }
  $('attempts-note').textContent = result.body.attempts.length === 0 ? 'No attempts.' : '';
  replaceRows($('attempts'), result.body.attempts.map(a => {
    const row = document.createElement('tr');
    cell(row, a.start);
    cell(row, a.attempt);
    cell(row, a.eventIds.join('\n'), 'error-text');
    cell(row, a.outcome);
    cell(row, a.answer, 'error-text');
    cell(row, a.next);
    return row;
  }));
}

// Our own small SVG chart: two lines (deliveries and failures per bucket, all endpoints summed) and the p99 latency
// as a third, each scaled to its own maximum. A few dozen lines instead of a charting library in the jar.
function renderChart(result) {
  const chart = $('chart');
  if (!result.ok) {
    chart.replaceChildren();
    $('chart-note').textContent = result.body.message;
    return;
  }
  $('chart-note').textContent = 'blue: deliveries, red: failures, grey: p99 latency, per ' +
      Math.round(result.body.bucketMs / 1000) + ' s';
  const series = result.body.endpoints;
  const count = series.length ? series[0].buckets.length : 0;
  const sums = { successes: [], failures: [], p99Ms: [] };
  for (let i = 0; i < count; i++) {
    sums.successes.push(series.reduce((s, e) => s + e.buckets[i].successes, 0));
    sums.failures.push(series.reduce((s, e) => s + e.buckets[i].failures, 0));
    sums.p99Ms.push(series.reduce((s, e) => Math.max(s, e.buckets[i].p99Ms || 0), 0));
  }
  const width = 600, height = 120;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  for (const [key, colour] of [['successes', '#0b5cad'], ['failures', '#a40e26'], ['p99Ms', '#8c959f']]) {
    const values = sums[key];
    const max = Math.max(1, ...values);
    const points = values.map((v, i) => (count < 2 ? 0 : i * width / (count - 1)).toFixed(1) + ','
        + (height - 4 - v * (height - 8) / max).toFixed(1)).join(' ');
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points);
    line.setAttribute('fill', 'none');
    line.setAttribute('stroke', colour);
    line.setAttribute('stroke-width', '2');
    line.setAttribute('class', 'series-' + key);
    svg.appendChild(line);
  }
  chart.replaceChildren(svg);
}

function enc(text) {
  return encodeURIComponent(text);
}

async function act(method, path, done) {
  const result = await api(method, path);
  status(result.ok ? done : result.body.code + ': ' + result.body.message, !result.ok);
  await refresh();
}

async function select(name) {
  selected = name;
  $('detail').hidden = false;
  $('detail-name').textContent = name;
  await refreshDetail();
  renderAttempts(await api('GET', 'endpoints/' + enc(name) + '/attempts?limit=50'));
}

async function refreshDetail() {
  if (selected === null) {
    return;
  }
  const letters = await api('GET', 'endpoints/' + enc(selected) + '/dead-letters');
  if (letters.ok) {
    renderDeadLetters(letters.body.deadLetters);
  } else {
    $('dead-letters-note').textContent = letters.body.message;
  }
}

async function refresh() {
  const endpoints = await api('GET', 'endpoints');
  if (endpoints.status === 401) {
    signedOut('The token was not accepted.');
    return;
  }
  if (endpoints.ok) {
    renderEndpoints(endpoints.body.endpoints);
  } else {
    status(endpoints.body.code + ': ' + endpoints.body.message, true);
  }
  await refreshDetail();
}

function signedOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  role = null;
  $('main').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message || '';
  $('role').textContent = '';
}

async function start() {
  const session = await api('GET', 'session');
  if (!session.ok) {
    signedOut(sessionStorage.getItem(TOKEN_KEY) ? 'The token was not accepted.' : '');
    return;
  }
  role = session.body.role;
  document.body.classList.toggle('viewer', role !== 'operator');
  for (const element of document.querySelectorAll('.operator-only')) {
    element.hidden = role !== 'operator';
  }
  $('role').textContent = 'signed in as ' + role;
  $('sign-in').hidden = true;
  $('main').hidden = false;
  $('sign-out').hidden = !sessionStorage.getItem(TOKEN_KEY);
  await refresh();
  renderChart(await api('GET', 'rates?window=15m'));
}

function wire() {
  $('sign-in-form').addEventListener('submit', event => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token-input').value);
    $('token-input').value = '';
    start();
  });
  $('sign-out').addEventListener('click', () => signedOut('Token forgotten.'));
  $('enable').addEventListener('click', () => act('POST', 'endpoints/' + enc(selected) + '/enable', 'enabled'));
  $('disable').addEventListener('click', () => act('POST', 'endpoints/' + enc(selected) + '/disable', 'disabled'));
  $('replay-all').addEventListener('click', () => act('POST', 'endpoints/' + enc(selected)
      + '/dead-letters/replay', 'dead letters queued for replay'));
  $('purge').addEventListener('click', () => {
    if (window.confirm('Remove every dead letter of ' + selected + '?')) {
      act('DELETE', 'endpoints/' + enc(selected) + '/dead-letters', 'dead letters purged');
    }
  });
  $('attempts-form').addEventListener('submit', async event => {
    event.preventDefault();
    const outcome = $('outcome').value;
    renderAttempts(await api('GET', 'endpoints/' + enc(selected) + '/attempts?limit=50'
        + (outcome ? '&outcome=' + enc(outcome) : '')));
  });
  $('replay-since-form').addEventListener('submit', event => {
    event.preventDefault();
    act('POST', 'endpoints/' + enc(selected) + '/replay?since=' + enc($('since').value.trim()),
        'events queued for replay');
  });
  $('event-form').addEventListener('submit', async event => {
    event.preventDefault();
    const result = await api('GET', 'events/' + enc($('event-id').value.trim()));
    $('event-result').textContent = result.ok ? JSON.stringify(result.body, null, 2)
        : result.body.code + ': ' + result.body.message;
  });
  setInterval(() => {
    if (role !== null) {
      refresh().catch(e => status('the console cannot be reached: ' + e, true));
    }
  }, REFRESH_MS);
}

tokenFromAddress();
wire();
start().catch(e => status('the console cannot be reached: ' + e, true));
