// The trace viewer: one page over the server's own Tempo HTTP API (search, trace by ID v2, TraceQL metrics range
// queries). Plain DOM, no framework and no build step: the server serves this file as it is.
//
// Tempo's JSON conventions shape the parsing here: 64-bit integers arrive as strings (times in nanoseconds are read
// as BigInt, since they exceed a double's exact range), a field with its zero value is left out (so every read has a
// default), and span and trace IDs in a trace are base64 (protobuf bytes) while search results give them in hex.

/** A query that asks for a time series instead of traces (Tempo's TraceQL metrics functions). */
const METRICS_QUERY = /\|\s*rate\s*\(|(?:count|sum|avg|min|max|quantile|histogram)_over_time\s*\(|compare\s*\(/;
const RANGE_SECONDS = { '1h': 3600, '6h': 6 * 3600, '24h': 24 * 3600, '7d': 7 * 24 * 3600 };
/** About this many points per series: enough for a smooth line, few enough for a quick query. */
const CHART_POINTS = 120;
/** Rows drawn at most: a partial trace can hold hundreds of thousands of spans, more than a page can lay out. */
const MAX_DRAWN_SPANS = 5000;
/** Service colours, told apart by most colour-blind readers; red is left out because it marks errors. */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7',
  '#79706e', '#86bcb6', '#d4a6c8', '#a0cbe8'];

const $ = (selector) => document.querySelector(selector);
const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

// ------------------------------------------------------------------------------------------------ DOM helpers

/** An element with attributes (`on…` for listeners, `style` as an object) and children (strings become text). */
function el(tag, attributes = {}, ...children) {
  return fill(document.createElement(tag), attributes, children);
}

function svg(tag, attributes = {}, ...children) {
  return fill(document.createElementNS('http://www.w3.org/2000/svg', tag), attributes, children);
}

function fill(node, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name === 'style') Object.assign(node.style, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return node;
}

/** Runs `action` on a click, Enter or Space, so that a row works from the keyboard as from the mouse. */
function activatable(action) {
  return {
    tabindex: 0,
    onclick: action,
    onkeydown: (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        action();
      } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const next = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling
          : event.currentTarget.previousElementSibling;
        next?.focus();
      }
    },
  };
}

// ------------------------------------------------------------------------------------------------ the API

/** A refused request: the server's one-line reason. */
class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** One AbortController per kind of request, so a newer search or trace cancels the one still loading. */
const inFlight = {};

/** GETs a JSON answer; a non-2xx answer throws an ApiError with the first line of its text body. */
async function getJson(kind, path, params = {}) {
  inFlight[kind]?.abort();
  const controller = (inFlight[kind] = new AbortController());
  const url = new URL(path, document.baseURI);
  for (const [name, value] of Object.entries(params)) {
    if (value != null && value !== '') url.searchParams.set(name, value);
  }
  const headers = { Accept: 'application/json' };
  const tenant = $('#tenant').value.trim();
  if (tenant) headers['X-Scope-OrgID'] = tenant;
  let response;
  try {
    response = await fetch(url, { headers, signal: controller.signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, `cannot reach the server: ${e.message}`);
  }
  if (!response.ok) {
    const text = (await response.text()).trim().split('\n')[0];
    throw new ApiError(response.status, text || response.statusText);
  }
  return response.json();
}

// ------------------------------------------------------------------------------------------------ formatting

/** A duration in nanoseconds (a Number) in the largest unit that keeps it readable. */
function formatDuration(ns) {
  const units = [[1e9 * 60, 'min'], [1e9, 's'], [1e6, 'ms'], [1e3, 'µs']];
  for (const [size, unit] of units) {
    if (ns >= size) return `${round(ns / size)} ${unit}`;
  }
  return `${Math.round(ns)} ns`;
}

function round(value) {
  return value >= 100 ? Math.round(value) : value >= 10 ? Math.round(value * 10) / 10 : Math.round(value * 100) / 100;
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** Local date and time to the millisecond, the time zone of the range inputs. */
function formatTime(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `
    + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function formatBytes(bytes) {
  const n = Number(bytes ?? 0);
  if (n >= 1 << 30) return `${round(n / (1 << 30))} GiB`;
  if (n >= 1 << 20) return `${round(n / (1 << 20))} MiB`;
  if (n >= 1 << 10) return `${round(n / (1 << 10))} KiB`;
  return `${n} B`;
}

/** Protobuf bytes as jsonpb writes them (base64) in hex, as Tempo shows IDs; '' for none. */
function base64ToHex(base64) {
  if (!base64) return '';
  return Array.from(atob(base64), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
}

/** An OTLP AnyValue as text; an empty object is a value left out for being zero or empty. */
function formatValue(value) {
  if (value == null) return '';
  if ('stringValue' in value) return value.stringValue;
  if ('intValue' in value) return String(value.intValue);
  if ('doubleValue' in value) return String(value.doubleValue);
  if ('boolValue' in value) return String(value.boolValue);
  if ('bytesValue' in value) return `0x${base64ToHex(value.bytesValue)}`;
  // strings inside a list are quoted, so that ["a, b"] and ["a", "b"] read differently
  const nested = (v) => (v && 'stringValue' in v ? JSON.stringify(v.stringValue) : formatValue(v));
  if ('arrayValue' in value) return `[${(value.arrayValue.values ?? []).map(nested).join(', ')}]`;
  if ('kvlistValue' in value) {
    return `{${(value.kvlistValue.values ?? []).map((kv) => `${kv.key}: ${nested(kv.value)}`).join(', ')}}`;
  }
  return '';
}

function attributeText(attributes, key) {
  const found = (attributes ?? []).find((a) => a.key === key);
  return found ? formatValue(found.value) : undefined;
}

/** SPAN_KIND_SERVER → server, STATUS_CODE_ERROR → error. */
function enumName(value, prefix) {
  return typeof value === 'string' ? value.replace(prefix, '').toLowerCase() : String(value ?? '');
}

// ------------------------------------------------------------------------------------------------ messages

function showError(error) {
  const box = byTestId('error');
  byTestId('error-title').textContent = error.status ? `Request failed (${error.status}):` : 'Request failed:';
  byTestId('error-message').textContent = error.message;
  box.hidden = false;
}

function clearError() {
  byTestId('error').hidden = true;
}

function setStatus(text) {
  byTestId('status').textContent = text;
}

/** Runs a request's work, showing its failure in the error box; a request cancelled by a newer one says nothing. */
async function reporting(work) {
  clearError();
  try {
    await work();
  } catch (e) {
    if (e.name === 'AbortError') return;
    setStatus('');
    showError(e instanceof ApiError ? e : new ApiError(0, e.message));
  }
}

// ------------------------------------------------------------------------------------------------ the form

/** The form's time range in unix seconds; null bounds are open (left out of the request). */
function timeRange() {
  const choice = $('#range').value;
  if (choice === 'all') return { start: null, end: null };
  if (choice === 'custom') {
    // a datetime-local value without an offset is read as local time, the time zone the inputs show
    const seconds = (input) => (input.value ? Math.floor(new Date(input.value).getTime() / 1000) : null);
    return { start: seconds($('#start')), end: seconds($('#end')) };
  }
  const end = Math.floor(Date.now() / 1000);
  return { start: end - RANGE_SECONDS[choice], end };
}

function onSubmit(event) {
  event.preventDefault();
  const query = $('#query').value.trim() || '{ }';
  const range = timeRange();
  reporting(() => (METRICS_QUERY.test(query) ? runMetrics(query, range) : runSearch(query, range)));
}

// ------------------------------------------------------------------------------------------------ search

async function runSearch(query, range) {
  setStatus('Searching…');
  const started = performance.now();
  const answer = await getJson('query', 'api/search', {
    q: query, limit: $('#limit').value, spss: $('#spss').value, start: range.start, end: range.end,
  });
  const traces = answer.traces ?? [];
  renderResults(traces);
  const m = answer.metrics ?? {};
  setStatus(`${traces.length} ${traces.length === 1 ? 'trace' : 'traces'} found · ${m.inspectedTraces ?? 0} inspected`
    + ` · ${formatBytes(m.inspectedBytes)} read · ${Math.round(performance.now() - started)} ms`);
}

/** The spans a search result matched, over all its span sets (older answers have only `spanSet`). */
function matchedSpans(trace) {
  const sets = trace.spanSets ?? (trace.spanSet ? [trace.spanSet] : []);
  return sets.reduce((sum, set) => sum + (set.matched ?? 0), 0);
}

function renderResults(traces) {
  byTestId('chart').hidden = true;
  const rows = traces.map((trace) => {
    const startNs = trace.startTimeUnixNano ?? '0';
    const durationMs = trace.durationMs ?? 0;
    const matched = matchedSpans(trace);
    const open = () => openTraceLink(trace.traceID);
    return el('tr', {
      'data-testid': 'result-row', 'data-trace-id': trace.traceID, 'data-start-unix-nano': startNs,
      'data-duration-ms': durationMs, 'data-matched': matched,
      'aria-label': `Open trace ${trace.traceID}: ${trace.rootServiceName ?? ''} ${trace.rootTraceName ?? ''}`,
      ...activatable(open),
    },
    el('td', { 'data-testid': 'root-service' }, trace.rootServiceName ?? ''),
    el('td', { 'data-testid': 'root-name' }, trace.rootTraceName ?? ''),
    el('td', { class: 'mono' }, trace.traceID),
    el('td', {}, formatTime(Number(BigInt(startNs) / 1000000n))),
    el('td', { class: 'number' }, durationMs > 0 ? formatDuration(durationMs * 1e6) : '< 1 ms'),
    el('td', { class: 'number' }, String(matched)));
  });
  byTestId('result-rows').replaceChildren(...rows);
  byTestId('results').hidden = false;
  markOpenTrace();
}

// ------------------------------------------------------------------------------------------------ one trace

/** The trace in the address (#trace=ID), so that a trace can be linked to and the back button closes it. */
function openTraceLink(id) {
  location.hash = `trace=${encodeURIComponent(id)}`;
}

function traceIdInAddress() {
  return new URLSearchParams(location.hash.slice(1)).get('trace');
}

function markOpenTrace() {
  const id = traceIdInAddress();
  for (const row of document.querySelectorAll('[data-testid="result-row"]')) {
    if (row.dataset.traceId === id) row.setAttribute('aria-current', 'true');
    else row.removeAttribute('aria-current');
  }
}

function onAddressChange() {
  markOpenTrace();
  const id = traceIdInAddress();
  if (id) reporting(() => openTrace(id));
  else byTestId('trace-view').hidden = true;
}

async function openTrace(id) {
  setStatus(`Loading trace ${id}…`);
  const started = performance.now();
  const answer = await getJson('trace', `api/v2/traces/${encodeURIComponent(id)}`);
  const rows = spanRows(answer.trace ?? {});
  renderWaterfall(id, rows, answer);
  setStatus(`Trace ${id}: ${rows.length} ${rows.length === 1 ? 'span' : 'spans'} · `
    + `${formatBytes(answer.metrics?.inspectedBytes)} read · ${Math.round(performance.now() - started)} ms`);
}

/**
 * The trace's spans in tree order, each with its depth: a parent before its children, siblings and roots by start
 * time (ties in the answer's order). A span whose parent is not in the trace (a partial trace, a lost span) is a
 * root.
 */
function spanRows(trace) {
  const spans = [];
  for (const resourceSpans of trace.resourceSpans ?? []) {
    const resource = resourceSpans.resource?.attributes ?? [];
    const service = attributeText(resource, 'service.name') || 'unknown service';
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        const start = BigInt(span.startTimeUnixNano ?? '0');
        const end = BigInt(span.endTimeUnixNano ?? '0');
        spans.push({
          span, resource, service, scope: scopeSpans.scope ?? {}, id: base64ToHex(span.spanId),
          parentId: base64ToHex(span.parentSpanId), start, end: end > start ? end : start,
        });
      }
    }
  }
  const ids = new Set(spans.map((s) => s.id));
  const children = new Map();
  const roots = [];
  for (const s of spans) {
    if (s.parentId && s.parentId !== s.id && ids.has(s.parentId)) {
      if (!children.has(s.parentId)) children.set(s.parentId, []);
      children.get(s.parentId).push(s);
    } else {
      roots.push(s);
    }
  }
  const byStart = (a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);
  const ordered = [];
  const placed = new Set();
  // depth first without recursion: a deep trace must not exhaust the call stack
  const stack = roots.sort(byStart).reverse().map((s) => [s, 0]);
  while (stack.length) {
    const [s, depth] = stack.pop();
    if (placed.has(s)) continue;
    placed.add(s);
    ordered.push({ ...s, depth });
    const kids = (children.get(s.id) ?? []).sort(byStart);
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], depth + 1]);
  }
  // spans whose parents form a cycle reach no root; they are still shown, at the top level
  for (const s of spans.filter((span) => !placed.has(span)).sort(byStart)) ordered.push({ ...s, depth: 0 });
  return ordered;
}

/** Each row's bar in percent of the trace: from the first start to the last end. */
function layOut(rows) {
  const first = rows.reduce((min, r) => (r.start < min ? r.start : min), rows[0]?.start ?? 0n);
  const last = rows.reduce((max, r) => (r.end > max ? r.end : max), first);
  const total = last - first;
  for (const r of rows) {
    r.left = total > 0n ? (Number(r.start - first) / Number(total)) * 100 : 0;
    r.width = total > 0n ? (Number(r.end - r.start) / Number(total)) * 100 : 0;
    r.offset = Number(r.start - first);
  }
  return { first, total: Number(total) };
}

/** A colour per service, in order of first appearance, so the root's service always gets the first. */
function serviceColours(rows) {
  const colours = new Map();
  for (const r of rows) {
    if (!colours.has(r.service)) colours.set(r.service, PALETTE[colours.size % PALETTE.length]);
  }
  return colours;
}

const isError = (span) => span.status?.code === 'STATUS_CODE_ERROR' || span.status?.code === 2;

function renderWaterfall(id, rows, answer) {
  const { first, total } = layOut(rows);
  const colours = serviceColours(rows);
  const root = rows[0];
  const view = byTestId('trace-view');
  view.dataset.traceId = id;
  byTestId('trace-title').textContent = root ? `${root.service}: ${root.span.name ?? ''}` : 'Empty trace';
  byTestId('trace-facts').replaceChildren(
    el('span', { class: 'mono' }, id), ' · ',
    rows.length ? `${formatTime(Number(first / 1000000n))} · ${formatDuration(total)} · ` : '',
    `${rows.length} ${rows.length === 1 ? 'span' : 'spans'} · ${colours.size} `
      + `${colours.size === 1 ? 'service' : 'services'} · `
      + `${rows.filter((r) => isError(r.span)).length} with errors`);
  byTestId('service-legend').replaceChildren(...[...colours].map(([service, colour]) => el('li', {},
    el('span', { class: 'swatch', style: { background: colour } }), service)));

  const partial = byTestId('partial-message');
  partial.hidden = answer.status !== 'PARTIAL';
  partial.textContent = `Partial trace: ${answer.message || 'the server answered only part of this trace.'}`;

  const drawn = rows.slice(0, MAX_DRAWN_SPANS);
  byTestId('waterfall').replaceChildren(el('div', {},
    timeAxis(total),
    el('div', { class: 'span-rows', role: 'list', 'aria-label': 'Spans, in tree order' },
      drawn.map((row) => spanRow(row, colours.get(row.service), first))),
    rows.length > drawn.length
      ? el('p', { class: 'note' }, `Showing the first ${drawn.length} of ${rows.length} spans.`) : null));
  byTestId('span-details').hidden = true;
  view.hidden = false;
}

/** The axis above the bars: the trace's duration in quarters (the bars' background draws the same lines). */
function timeAxis(total) {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => el('span', {
    class: 'tick', style: { left: `${f * 100}%` },
  }, f === 0 ? '0' : formatDuration(total * f)));
  return el('div', { class: 'axis', 'aria-hidden': 'true' },
    el('div', { class: 'span-label' }, 'Service and span'), el('div', { class: 'axis-track' }, ticks));
}

function spanRow(row, colour, traceStart) {
  const error = isError(row.span);
  const duration = Number(row.end - row.start);
  // the duration sits right of the bar, or left of it when the bar reaches the right edge
  const labelPlace = row.left + row.width > 80 ? { right: `calc(${100 - row.left}% + 4px)` }
    : { left: `calc(${row.left + row.width}% + 4px)` };
  const select = () => selectSpan(row, traceStart);
  return el('div', {
    class: `span-row${error ? ' span-error' : ''}`, role: 'listitem', 'data-testid': 'span-row',
    'data-span-id': row.id, 'data-depth': row.depth,
    'aria-label': `${row.service} ${row.span.name ?? ''}, ${formatDuration(duration)}${error ? ', error' : ''}`,
    ...activatable(select),
  },
  el('div', { class: 'span-label', style: { paddingLeft: `${Math.min(row.depth, 30) * 14 + 8}px` } },
    el('span', { class: 'swatch', style: { background: colour } }),
    error ? el('span', { class: 'error-marker', 'data-testid': 'error-marker', title: 'error' }, '!') : null,
    el('span', { class: 'span-service' }, row.service),
    el('span', { class: 'span-name' }, row.span.name ?? '')),
  el('div', { class: 'span-track' },
    el('div', {
      class: `span-bar${error ? ' span-error' : ''}`, 'data-testid': 'span-bar', 'data-span-id': row.id,
      'data-left': row.left, 'data-width': row.width,
      style: { left: `${row.left}%`, width: `${row.width}%`, background: colour },
    }),
    el('span', { class: 'span-duration', style: labelPlace }, formatDuration(duration))));
}

// ------------------------------------------------------------------------------------------------ span details

function selectSpan(row, traceStart) {
  for (const r of document.querySelectorAll('[data-testid="span-row"]')) {
    r.classList.toggle('selected', r.dataset.spanId === row.id);
  }
  const span = row.span;
  const status = span.status ?? {};
  byTestId('details-title').textContent = span.name ?? '';
  byTestId('details-body').replaceChildren(
    facts([
      ['Service', row.service],
      ['Span ID', row.id],
      ['Parent span ID', row.parentId || '(root)'],
      ['Kind', enumName(span.kind ?? 'SPAN_KIND_UNSPECIFIED', 'SPAN_KIND_')],
      ['Status', enumName(status.code ?? 'STATUS_CODE_UNSET', 'STATUS_CODE_')
        + (status.message ? `: ${status.message}` : '')],
      ['Start', `${formatTime(Number(row.start / 1000000n))} (+${formatDuration(Number(row.start - traceStart))})`],
      ['Duration', formatDuration(Number(row.end - row.start))],
      ['Scope', [row.scope.name, row.scope.version].filter(Boolean).join(' ') || '(none)'],
    ]),
    detailsSection('Attributes', 'span-attributes', attributeTable(span.attributes)),
    detailsSection('Resource attributes', 'resource-attributes', attributeTable(row.resource)),
    detailsSection('Events', 'span-events', eventList(span.events ?? [], row.start)),
    detailsSection('Links', 'span-links', linkList(span.links ?? [])));
  const panel = byTestId('span-details');
  panel.hidden = false;
  panel.dataset.spanId = row.id;
}

function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.map(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
}

function detailsSection(title, testId, content) {
  return el('section', { 'data-testid': testId }, el('h3', {}, title), content);
}

function attributeTable(attributes) {
  if (!attributes?.length) return el('p', { class: 'empty' }, 'None');
  return el('table', { class: 'attributes' }, el('tbody', {}, attributes.map((a) => el('tr', { 'data-key': a.key },
    el('th', { scope: 'row' }, a.key), el('td', {}, formatValue(a.value))))));
}

function eventList(events, spanStart) {
  if (!events.length) return el('p', { class: 'empty' }, 'None');
  return el('ol', { class: 'events' }, events.map((event) => el('li', {},
    el('div', {}, el('strong', {}, event.name ?? ''), ' ',
      el('span', { class: 'muted' }, `+${formatDuration(Number(BigInt(event.timeUnixNano ?? '0') - spanStart))}`)),
    event.attributes?.length ? attributeTable(event.attributes) : null)));
}

function linkList(links) {
  if (!links.length) return el('p', { class: 'empty' }, 'None');
  return el('ol', { class: 'links' }, links.map((link) => {
    const traceId = base64ToHex(link.traceId);
    return el('li', {},
      el('div', {}, 'Trace ', el('a', { class: 'mono', href: `#trace=${traceId}` }, traceId),
        ', span ', el('span', { class: 'mono' }, base64ToHex(link.spanId))),
      link.attributes?.length ? attributeTable(link.attributes) : null);
  }));
}

// ------------------------------------------------------------------------------------------------ metrics

async function runMetrics(query, range) {
  if (range.start == null && range.end == null) {
    throw new ApiError(0, 'a metrics query needs a time range: choose one of the last hours or days, or a custom '
      + 'range');
  }
  // without both bounds the server picks the range (an hour up to the end or now), and so the step
  const step = range.start != null && range.end != null
    ? `${Math.max(1, Math.ceil((range.end - range.start) / CHART_POINTS))}s` : null;
  setStatus('Running the metrics query…');
  const started = performance.now();
  const answer = await getJson('query', 'api/metrics/query_range', { q: query, start: range.start, end: range.end, step });
  const series = answer.series ?? [];
  renderChart(series, query);
  setStatus(`${series.length} series · ${formatBytes(answer.metrics?.inspectedBytes)} read · `
    + `${Math.round(performance.now() - started)} ms`);
}

/** A series' name from its labels, as Prometheus writes them; the query itself for the one series without. */
function seriesName(series, query) {
  const labels = series.labels ?? [];
  if (!labels.length) return query;
  return `{${labels.map((l) => `${l.key}=${JSON.stringify(formatValue(l.value))}`).join(', ')}}`;
}

/** Readable tick values: steps of 1, 2 or 5 times a power of ten, about `count` of them. */
function ticks(min, max, count) {
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const values = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) values.push(Math.round(v / step) * step);
  return values;
}

function renderChart(seriesList, query) {
  byTestId('results').hidden = true;
  const chart = byTestId('chart');
  chart.hidden = false;
  const lines = seriesList.map((series, i) => ({
    name: seriesName(series, query),
    colour: PALETTE[i % PALETTE.length],
    // a sample without a value has the value 0 (left out as a zero value); NaN marks no value, and is not drawn
    points: (series.samples ?? []).map((s) => [Number(s.timestampMs ?? 0), Number(s.value ?? 0)])
      .filter(([, v]) => Number.isFinite(v)),
  }));
  const all = lines.flatMap((l) => l.points);
  const width = Math.max(480, byTestId('chart-plot').clientWidth || 900);
  const height = 300;
  const margin = { top: 12, right: 16, bottom: 32, left: 60 };
  const xMin = Math.min(...all.map((p) => p[0]));
  const xMax = Math.max(...all.map((p) => p[0]));
  const yMin = Math.min(0, ...all.map((p) => p[1]));
  let yMax = Math.max(0, ...all.map((p) => p[1]));
  if (yMax === yMin) yMax = yMin + 1;
  const x = (t) => margin.left + (xMax > xMin ? ((t - xMin) / (xMax - xMin)) : 0.5) * (width - margin.left - margin.right);
  const y = (v) => height - margin.bottom - ((v - yMin) / (yMax - yMin)) * (height - margin.top - margin.bottom);

  const plot = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'data-testid': 'chart-svg',
    'aria-label': `${lines.length} series from ${all.length ? formatTime(xMin) : '-'} to ${all.length ? formatTime(xMax) : '-'}`,
  });
  if (all.length) {
    for (const v of ticks(yMin, yMax, 5)) {
      plot.append(svg('line', { class: 'grid', x1: margin.left, x2: width - margin.right, y1: y(v), y2: y(v) }),
        svg('text', { class: 'tick-label', x: margin.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
    }
    const xTicks = xMax > xMin ? [0, 0.25, 0.5, 0.75, 1].map((f) => xMin + f * (xMax - xMin)) : [xMin];
    xTicks.forEach((t, i) => {
      // the outer labels are anchored inside the plot, so that they are not cut at its edges
      const anchor = xTicks.length === 1 ? 'middle' : i === 0 ? 'start' : i === xTicks.length - 1 ? 'end' : 'middle';
      plot.append(svg('text', { class: 'tick-label', x: x(t), y: height - margin.bottom + 18, 'text-anchor': anchor },
        formatTime(t).slice(11, 19)));
    });
    plot.append(svg('line', {
      class: 'axis-line', x1: margin.left, x2: width - margin.right, y1: y(yMin), y2: y(yMin),
    }));
  } else {
    plot.append(svg('text', { class: 'tick-label', x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'No samples'));
  }
  for (const line of lines) {
    plot.append(svg('polyline', {
      'data-testid': 'series-line', 'data-series': line.name, 'data-points': line.points.length,
      points: line.points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' '),
      fill: 'none', stroke: line.colour, 'stroke-width': 2, 'stroke-linejoin': 'round',
    }, svg('title', {}, line.name)));
  }
  byTestId('chart-plot').replaceChildren(plot);
  byTestId('chart-legend').replaceChildren(...lines.map((line) => el('li', { 'data-testid': 'legend-item' },
    el('span', { class: 'swatch', style: { background: line.colour } }), line.name)));
}

// ------------------------------------------------------------------------------------------------ start

$('#query-form').addEventListener('submit', onSubmit);
$('#range').addEventListener('change', () => {
  for (const field of document.querySelectorAll('.custom-range')) field.hidden = $('#range').value !== 'custom';
});
byTestId('details-close').addEventListener('click', () => {
  byTestId('span-details').hidden = true;
});
window.addEventListener('hashchange', onAddressChange);
onAddressChange();
// a test waits for this before it acts, so that no click lands before the listeners are in place
document.body.dataset.ready = 'true';
