'use strict';
// The page holds no data: it reads /dashboard-data with the operator's bearer token, taken from the address's
// fragment (#token=..., never sent to a server) or typed in, and kept for this tab only.

const charts = {};
const palette = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];

function token() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem('launchcast-token', decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem('launchcast-token');
}

function text(value, digits = 3) {
  if (value === null || value === undefined) return '–';
  return typeof value === 'number' ? value.toFixed(digits) : String(value);
}

function percent(value) {
  return value === null || value === undefined ? '–' : (100 * value).toFixed(1) + ' %';
}

function cell(row, content, className) {
  const td = document.createElement('td');
  if (content instanceof Node) td.appendChild(content); else td.textContent = content;
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function body(id) {
  const tbody = document.querySelector('#' + id + ' tbody');
  tbody.replaceChildren();
  return tbody;
}

function chart(canvas, config) {
  if (charts[canvas.id]) charts[canvas.id].destroy();
  charts[canvas.id] = new Chart(canvas, config);
}

function lines(canvasId, series, field) {
  const labels = [...new Set(Object.values(series).flat().map(b => b.start))].sort();
  const datasets = Object.entries(series).map(([name, buckets], i) => ({
    label: name, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length],
    spanGaps: true, tension: 0.2,
    data: labels.map(l => { const b = buckets.find(x => x.start === l); return b ? b.figures[field] : null; })
  }));
  chart(document.getElementById(canvasId), { type: 'line', data: { labels, datasets },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } } });
}

function renderAlarms(alarms) {
  const tbody = body('alarms');
  for (const { alarm, history } of alarms) {
    const row = document.createElement('tr');
    row.dataset.alarm = alarm.name;
    cell(row, alarm.name);
    const state = document.createElement('span');
    state.className = 'state state-' + alarm.state;
    state.textContent = alarm.state;
    cell(row, state);
    cell(row, alarm.since ? alarm.since.replace('T', ' ').replace(/\..*Z|Z/, ' UTC') : '–');
    cell(row, text(alarm.lastValue));
    cell(row, text(alarm.threshold));
    // drift alarms name the baseline's version (2), quality alarms the forecasts' (launch-demand/2): one form
    cell(row, alarm.modelVersion == null ? '–' : 'v' + String(alarm.modelVersion).split('/').pop());
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = history.length + ' transition' + (history.length === 1 ? '' : 's');
    const list = document.createElement('ol');
    for (const t of history) {
      const item = document.createElement('li');
      item.textContent = t.at.replace('T', ' ').replace(/\..*Z|Z/, '') + ' ' + t.from + ' → ' + t.to + ': ' + t.reason;
      list.appendChild(item);
    }
    details.append(summary, list);
    cell(row, details);
    tbody.appendChild(row);
  }
}

function renderDrift(runs) {
  const container = document.getElementById('drift-charts');
  const groups = [...new Set(runs.map(r => r.group))];
  for (const group of groups) {
    const id = 'drift-' + group;
    let canvas = document.getElementById(id);
    if (!canvas) {
      const figure = document.createElement('figure');
      const caption = document.createElement('figcaption');
      caption.textContent = group;
      canvas = document.createElement('canvas');
      canvas.id = id;
      figure.append(caption, canvas);
      // the group's chart and, under it, what its latest run could not judge
      const notes = document.createElement('ul');
      notes.id = id + '-undecided';
      notes.className = 'muted';
      const wrapper = document.createElement('div');
      wrapper.append(figure, notes);
      container.appendChild(wrapper);
    }
    const ofGroup = runs.filter(r => r.group === group).reverse(); // oldest of the latest first
    const features = [...new Set(ofGroup.flatMap(r => r.features.map(f => f.feature)))].sort();
    const datasets = ofGroup.map((run, i) => ({
      label: run.windowEnd.replace('T', ' ').replace(/:\d\d(\.\d+)?Z/, ''),
      backgroundColor: palette[i % palette.length],
      data: features.map(f => { const d = run.features.find(x => x.feature === f); return d ? d.severity : null; })
    }));
    chart(canvas, { type: 'bar', data: { labels: features, datasets },
      options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } } });
    // a window too small for a verdict leaves a feature out of the chart: say which, and why (ADR 0168)
    const latest = ofGroup[ofGroup.length - 1];
    const reasons = latest && latest.undecided ? latest.undecided : [];
    document.getElementById(id + '-undecided').replaceChildren(...reasons.map(reason => {
      const item = document.createElement('li');
      item.textContent = reason;
      return item;
    }));
  }
}

function renderQuality(reports) {
  const tbody = body('quality-overall');
  const byVersion = {};
  const byCohort = {};
  for (const report of reports) {
    const row = document.createElement('tr');
    const o = report.overall;
    cell(row, report.group);
    cell(row, String(o.count));
    cell(row, percent(o.wape));
    cell(row, percent(o.bias));
    cell(row, text(o.meanWql));
    cell(row, percent(o.coverage));
    tbody.appendChild(row);
    const prefix = reports.length > 1 ? report.group + ' ' : '';
    // forecasts name their model version '<group>/<n>': the group is the row's, the label its number
    for (const [version, buckets] of Object.entries(report.overTimeByModelVersion)) {
      byVersion[prefix + 'v' + version.split('/').pop()] = buckets;
    }
    for (const [cohort, buckets] of Object.entries(report.overTimeByCohort)) byCohort[prefix + cohort] = buckets;
  }
  lines('wape-by-version', byVersion, 'wape');
  lines('coverage-by-version', byVersion, 'coverage');
  lines('wape-by-cohort', byCohort, 'wape');
}

function renderCapture(volumes) {
  const labels = volumes.length ? volumes[0].hours.map(h => h.hour.substring(11, 16)) : [];
  const datasets = volumes.map((v, i) => ({ label: v.endpoint, backgroundColor: palette[i % palette.length],
    data: v.hours.map(h => h.objects) }));
  chart(document.getElementById('capture'), { type: 'bar', data: { labels, datasets },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } } });
}

function renderServing(services) {
  const tbody = body('serving');
  const captured = [];
  for (const s of services) {
    if (s.error) {
      const row = document.createElement('tr');
      cell(row, s.service);
      cell(row, s.error, 'error').colSpan = 6;
      tbody.appendChild(row);
      continue;
    }
    for (const e of s.endpoints) {
      const row = document.createElement('tr');
      cell(row, s.service);
      cell(row, e.uri);
      cell(row, String(e.requests));
      cell(row, String(e.serverErrors));
      cell(row, percent(e.errorRate));
      cell(row, e.meanLatencyMs === null ? '–' : e.meanLatencyMs.toFixed(1) + ' ms');
      cell(row, e.maxLatencyMs === null ? '–' : e.maxLatencyMs.toFixed(1) + ' ms');
      tbody.appendChild(row);
    }
    const records = Object.entries(s.captureRecords).map(([k, v]) => k + ' ' + v).join(', ');
    if (records) captured.push(s.service + ' capture records: ' + records);
  }
  document.getElementById('capture-records').textContent = captured.join('; ');
}

async function load() {
  const bearer = token();
  const login = document.getElementById('login');
  if (!bearer) {
    login.hidden = false;
    return;
  }
  const error = document.getElementById('error');
  try {
    const response = await fetch('/dashboard-data', { headers: { Authorization: 'Bearer ' + bearer } });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail || problem.title || 'HTTP ' + response.status);
    }
    const data = await response.json();
    renderAlarms(data.alarms);
    renderDrift(data.drift);
    renderQuality(data.quality);
    renderCapture(data.capture);
    renderServing(data.serving);
    document.getElementById('generated').textContent = 'as of ' + data.generatedAt.replace('T', ' ').replace(/\..*Z|Z/, ' UTC');
    document.getElementById('content').hidden = false;
    error.hidden = true;
    document.body.dataset.loaded = 'true';
  } catch (e) {
    error.textContent = 'Could not load the dashboard: ' + e.message;
    error.hidden = false;
    if (/401|403|token/i.test(e.message)) login.hidden = false;
  }
}

document.getElementById('login').addEventListener('submit', event => {
  event.preventDefault();
  sessionStorage.setItem('launchcast-token', document.getElementById('token').value);
  document.getElementById('login').hidden = true;
  load();
});

load();
setInterval(load, 30000);
