// The trace viewer in Chromium, driven by playwright-core: search, a trace's waterfall, a span's details, a partial
// trace, an error, metrics charts. Every expectation comes from the server's own API answers, computed here without
// the page's code. Run by ViewerBrowserTest:
//
//   NODE_PATH=~/.cache/pqflux/playwright-VERSION/node_modules node viewer.test.mjs http://127.0.0.1:PORT
//
// Environment: PQFLUX_CHROMIUM, the browser (default /usr/bin/chromium); SCREENSHOT_DIR, where to write the docs'
// screenshots (none when unset). Prints one line per step; exits non-zero at the first failed check.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';

// generous: a search under BlockHound on a busy two-core machine has taken over 15 s
const STEP_TIMEOUT_MS = 45_000;
const WHOLE_RUN_MS = 170_000;

const server = process.argv[2]?.replace(/\/$/, '');
if (!server) {
  console.error('usage: node viewer.test.mjs SERVER_URL');
  process.exit(2);
}
// a hung browser must not hang the build: the Java side has its own limit too, this one says where it stopped
let currentStep = 'start';
setTimeout(() => {
  console.error(`timed out after ${WHOLE_RUN_MS / 1000} s in step: ${currentStep}`);
  process.exit(3);
}, WHOLE_RUN_MS).unref();

// ESM imports ignore NODE_PATH, require does not: playwright-core lives outside this source tree
let chromium;
try {
  ({ chromium } = createRequire(import.meta.url)('playwright-core'));
} catch (e) {
  console.error(`playwright-core not found (NODE_PATH=${process.env.NODE_PATH ?? ''}): run 'sh .ci/test-tools'`);
  process.exit(2);
}

// ------------------------------------------------------------------------------------------------ expectations

async function api(pathAndQuery) {
  let response;
  try {
    response = await fetch(server + pathAndQuery, { signal: AbortSignal.timeout(STEP_TIMEOUT_MS) });
  } catch (e) {
    // undici says only "fetch failed"; the reason is its cause
    throw new Error(`GET ${pathAndQuery}: ${e.message}${e.cause ? `: ${e.cause.message ?? e.cause}` : ''}`);
  }
  return { status: response.status, text: await response.text() };
}

async function apiJson(pathAndQuery) {
  const { status, text } = await api(pathAndQuery);
  assert.equal(status, 200, `${pathAndQuery}: ${text}`);
  return JSON.parse(text);
}

const hex = (base64) => (base64 ? Buffer.from(base64, 'base64').toString('hex') : '');

/**
 * The spans of a trace answer in the waterfall's order, each with its depth and its bar in percent: depth first from
 * the roots (spans without a parent in the trace), children and roots by start time, ties in the answer's order;
 * bars from the first start to the last end.
 */
function expectedWaterfall(trace) {
  const spans = [];
  for (const rs of trace.resourceSpans ?? []) {
    const service = (rs.resource?.attributes ?? []).find((a) => a.key === 'service.name')?.value?.stringValue;
    for (const ss of rs.scopeSpans ?? []) {
      for (const span of ss.spans ?? []) {
        const start = BigInt(span.startTimeUnixNano ?? 0);
        const end = BigInt(span.endTimeUnixNano ?? 0);
        spans.push({
          span, service, resource: rs.resource?.attributes ?? [], index: spans.length, id: hex(span.spanId),
          parent: hex(span.parentSpanId), start, end: end < start ? start : end,
        });
      }
    }
  }
  const ids = new Set(spans.map((s) => s.id));
  const earlier = (a, b) => (a.start === b.start ? a.index - b.index : a.start < b.start ? -1 : 1);
  const ordered = [];
  const walk = (s, depth) => {
    ordered.push({ ...s, depth });
    spans.filter((c) => c.parent === s.id && c !== s).sort(earlier).forEach((c) => walk(c, depth + 1));
  };
  spans.filter((s) => !s.parent || !ids.has(s.parent)).sort(earlier).forEach((s) => walk(s, 0));
  const first = spans.reduce((m, s) => (s.start < m ? s.start : m), spans[0].start);
  const last = spans.reduce((m, s) => (s.end > m ? s.end : m), spans[0].end);
  const total = Number(last - first);
  for (const s of ordered) {
    s.left = (Number(s.start - first) / total) * 100;
    s.width = (Number(s.end - s.start) / total) * 100;
  }
  return ordered;
}

const close = (actual, expected, what, within = 1e-9) => assert.ok(Math.abs(actual - expected) < within,
  `${what}: ${actual}, expected ${expected}`);

// ------------------------------------------------------------------------------------------------ page checks

/** The waterfall on screen against the expected order and bars: data, styles, and where the bars are drawn. */
async function checkWaterfall(page, expected) {
  const drawn = await page.$$eval('[data-testid="span-row"]', (rows) => rows.map((row) => {
    const bar = row.querySelector('[data-testid="span-bar"]');
    const track = bar.parentElement.getBoundingClientRect();
    const box = bar.getBoundingClientRect();
    return {
      id: row.dataset.spanId, barId: bar.dataset.spanId, depth: Number(row.dataset.depth),
      left: Number(bar.dataset.left), width: Number(bar.dataset.width),
      styleLeft: parseFloat(bar.style.left), styleWidth: parseFloat(bar.style.width),
      drawnLeft: ((box.left - track.left) / track.width) * 100,
      error: bar.classList.contains('span-error'), marker: !!row.querySelector('[data-testid="error-marker"]'),
    };
  }));
  assert.deepEqual(drawn.map((d) => d.id), expected.map((e) => e.id), 'span rows in tree order');
  for (const [i, d] of drawn.entries()) {
    const e = expected[i];
    const what = `span ${e.id} (${e.span.name})`;
    assert.equal(d.barId, e.id, `${what}: its bar`);
    assert.equal(d.depth, e.depth, `${what}: depth`);
    close(d.left, e.left, `${what}: left %`);
    close(d.width, e.width, `${what}: width %`);
    // the style as CSS keeps it: six significant digits
    close(d.styleLeft, e.left, `${what}: style left %`, 1e-3);
    close(d.styleWidth, e.width, `${what}: style width %`, 1e-3);
    // drawn to the pixel: 0.5 % of a track several hundred pixels wide
    assert.ok(Math.abs(d.drawnLeft - e.left) < 0.5, `${what}: drawn at ${d.drawnLeft} %, expected ${e.left} %`);
    const error = e.span.status?.code === 'STATUS_CODE_ERROR';
    assert.equal(d.error, error, `${what}: error class`);
    assert.equal(d.marker, error, `${what}: error marker`);
  }
}

/** The text of the attribute `key` in a details section, or undefined when the section has no such row. */
async function shownAttribute(page, section, key) {
  const cell = page.locator(`[data-testid="${section}"] tr[data-key="${key}"] td`).first();
  return (await cell.count()) ? cell.textContent() : undefined;
}

/** Waits for the trace view to show `id` with its bars (waitFor waits until visible, not just present). */
async function awaitTrace(page, id) {
  await page.locator(`[data-testid="trace-view"][data-trace-id="${id}"]`).waitFor();
  await page.locator('[data-testid="span-bar"]').first().waitFor();
}

async function search(page, query, { range = 'all', limit = 200 } = {}) {
  await page.fill('[data-testid="query"]', query);
  await page.selectOption('[data-testid="range"]', range.start ? 'custom' : range);
  if (range.start) {
    // the context's time zone is UTC, so the local time the inputs take is UTC
    const local = (seconds) => new Date(seconds * 1000).toISOString().slice(0, 19);
    await page.fill('[data-testid="range-start"]', local(range.start));
    await page.fill('[data-testid="range-end"]', local(range.end));
  }
  await page.fill('[data-testid="limit"]', String(limit));
  const request = page.waitForRequest((r) => /\/api\/(search|metrics\/query_range)\?/.test(r.url()));
  await page.click('[data-testid="search-button"]');
  return new URL((await request).url());
}

// ------------------------------------------------------------------------------------------------ the run

const browser = await chromium.launch({
  executablePath: process.env.PQFLUX_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // Chromium's sandbox refuses to start as root, as in a CI container
  args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  timeout: 60_000,
});
const started = Date.now();
const passed = [];
const pageErrors = [];
const shots = process.env.SCREENSHOT_DIR;
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: 'UTC', locale: 'en-US' });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));

  const step = async (name, body) => {
    currentStep = name;
    await body();
    passed.push(name);
    console.log(`ok - ${name}`);
  };

  let searchAnswer;
  await step('the page loads', async () => {
    const response = await page.goto(server + '/');
    assert.equal(response.status(), 200);
    await page.locator('body[data-ready="true"]').waitFor();
    assert.equal(await page.getAttribute('[data-testid="query"]', 'value'), '{ }');
    for (const hidden of ['range-start', 'range-end', 'error', 'results', 'chart', 'trace-view']) {
      assert.equal(await page.isHidden(`[data-testid="${hidden}"]`), true, `${hidden} hidden at first`);
    }
  });

  await step('a search over all time lists what /api/search answers', async () => {
    const sent = await search(page, '{ }');
    assert.equal(sent.pathname, '/api/search');
    assert.equal(sent.searchParams.get('q'), '{ }');
    assert.equal(sent.searchParams.get('limit'), '200');
    assert.equal(sent.searchParams.get('spss'), '3');
    assert.equal(sent.searchParams.has('start') || sent.searchParams.has('end'), false, 'all time: no start or end');
    searchAnswer = await apiJson(sent.pathname + sent.search);
    const expected = searchAnswer.traces;
    assert.ok(expected.length > 0, 'the bundled block has traces');
    const rows = page.locator('[data-testid="result-row"]');
    await rows.first().waitFor();
    const shown = await rows.evaluateAll((all) => all.map((r) => ({
      id: r.dataset.traceId, start: r.dataset.startUnixNano, durationMs: r.dataset.durationMs,
      matched: r.dataset.matched, service: r.querySelector('[data-testid="root-service"]').textContent,
      name: r.querySelector('[data-testid="root-name"]').textContent,
    })));
    assert.deepEqual(shown, expected.map((t) => ({
      id: t.traceID, start: t.startTimeUnixNano ?? '0', durationMs: String(t.durationMs ?? 0),
      matched: String((t.spanSets ?? []).reduce((sum, set) => sum + (set.matched ?? 0), 0)),
      service: t.rootServiceName ?? '', name: t.rootTraceName ?? '',
    })));
    assert.match(await page.textContent('[data-testid="status"]'), new RegExp(`^${expected.length} traces found`));
  });

  let traceId;
  let waterfall;
  await step('Enter on a result row opens its trace, bars in tree order at their times', async () => {
    // a trace with errors, so that the markers are checked (and shown in the screenshot)
    const withErrors = await apiJson('/api/search?limit=1&q=' + encodeURIComponent('{ status = error }'));
    traceId = withErrors.traces[0].traceID;
    const row = page.locator(`[data-testid="result-row"][data-trace-id="${traceId}"]`);
    await row.focus();
    await page.keyboard.press('Enter');
    await awaitTrace(page, traceId);
    assert.equal(new URL(page.url()).hash, `#trace=${traceId}`);
    assert.equal(await row.getAttribute('aria-current'), 'true');
    const answer = await apiJson(`/api/v2/traces/${traceId}`);
    waterfall = expectedWaterfall(answer.trace);
    assert.ok(waterfall.some((s) => s.span.status?.code === 'STATUS_CODE_ERROR'), 'the trace has an error span');
    await checkWaterfall(page, waterfall);
    assert.equal(await page.isHidden('[data-testid="partial-message"]'), true, 'a whole trace is not partial');
    assert.equal(await page.locator('[data-testid="service-legend"] li').count(),
      new Set(waterfall.map((s) => s.service)).size, 'one legend entry per service');
  });

  await step('clicking a span shows its attributes and its resource', async () => {
    const child = waterfall.find((s) => s.depth > 0 && (s.span.attributes ?? []).some((a) => 'stringValue' in a.value));
    const attribute = child.span.attributes.find((a) => 'stringValue' in a.value);
    await page.click(`[data-testid="span-bar"][data-span-id="${child.id}"]`);
    await page.locator(`[data-testid="span-details"][data-span-id="${child.id}"]`).waitFor();
    assert.equal(await page.textContent('[data-testid="details-title"]'), child.span.name);
    assert.equal(await shownAttribute(page, 'span-attributes', attribute.key), attribute.value.stringValue);
    assert.equal(await shownAttribute(page, 'resource-attributes', 'service.name'), child.service);
    assert.equal(await page.locator('[data-testid="span-attributes"] tr').count(), child.span.attributes.length);
    if (shots) await page.screenshot({ path: path.join(shots, 'tempo-viewer.png'), fullPage: true });
  });

  await step('a partial trace: its message, orphans as roots, value types, events, links', async () => {
    const t0 = 1_700_000_000_000_000_000n;
    const ms = (n) => String(t0 + BigInt(n) * 1_000_000n);
    const id = (n, bytes = 8) => Buffer.from(n.padStart(bytes * 2, '0'), 'hex').toString('base64');
    const linked = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const trace = { resourceSpans: [
      { resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
        scopeSpans: [{ scope: { name: 'io.example', version: '1.2' }, spans: [
          { spanId: id('01'), name: 'POST /checkout', kind: 'SPAN_KIND_SERVER', startTimeUnixNano: ms(0),
            endTimeUnixNano: ms(100), attributes: [
              { key: 'text', value: { stringValue: 'hello' } }, { key: 'count', value: { intValue: '42' } },
              { key: 'ratio', value: { doubleValue: 0.5 } }, { key: 'flag', value: { boolValue: true } },
              { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }] } } },
              { key: 'map', value: { kvlistValue: { values: [{ key: 'k', value: { stringValue: 'v' } }] } } },
              { key: 'raw', value: { bytesValue: Buffer.from([10, 11]).toString('base64') } },
              { key: 'empty', value: {} }],
            events: [{ timeUnixNano: ms(10), name: 'cache miss',
              attributes: [{ key: 'cache.key', value: { stringValue: 'cart:7' } }] }],
            links: [{ traceId: Buffer.from(linked, 'hex').toString('base64'), spanId: id('77') }],
            status: {} },
          // before its earlier-starting sibling in the answer: the waterfall orders siblings by start
          { spanId: id('03'), parentSpanId: id('01'), name: 'charge', startTimeUnixNano: ms(50),
            endTimeUnixNano: ms(60), status: { code: 'STATUS_CODE_ERROR', message: 'card declined' } },
          { spanId: id('02'), parentSpanId: id('01'), name: 'load cart', startTimeUnixNano: ms(20),
            endTimeUnixNano: ms(80) }] }] },
      { resource: { attributes: [{ key: 'service.name', value: { stringValue: 'payments' } }] },
        scopeSpans: [{ scope: {}, spans: [
          // two children that start together stay in the answer's order; one has no end (a zero value left out)
          { spanId: id('04'), parentSpanId: id('02'), name: 'query', startTimeUnixNano: ms(30), endTimeUnixNano: ms(40) },
          { spanId: id('05'), parentSpanId: id('02'), name: 'query again', startTimeUnixNano: ms(30) },
          // its parent is not in this partial trace: a root, after the first by start time
          { spanId: id('06'), parentSpanId: id('99'), name: 'orphan', startTimeUnixNano: ms(5), endTimeUnixNano: ms(200) }] }] }] };
    const message = 'trace exceeds the max trace size: showing its first spans';
    const syntheticId = 'feedface';
    await page.route(`**/api/v2/traces/${syntheticId}`, (route) => route.fulfill({
      status: 200, contentType: 'application/json', body: JSON.stringify({ trace, status: 'PARTIAL', message }) }));
    await page.evaluate((tid) => { location.hash = `trace=${tid}`; }, syntheticId);
    await awaitTrace(page, syntheticId);
    const expected = expectedWaterfall(trace);
    assert.deepEqual(expected.map((s) => s.span.name),
      ['POST /checkout', 'load cart', 'query', 'query again', 'charge', 'orphan'], 'the test\'s own tree order');
    await checkWaterfall(page, expected);
    assert.equal(await page.textContent('[data-testid="partial-message"]'), `Partial trace: ${message}`);
    assert.equal(await page.isVisible('[data-testid="partial-message"]'), true);

    await page.click(`[data-testid="span-row"][data-span-id="${hex(id('01'))}"]`);
    await page.locator(`[data-testid="span-details"][data-span-id="${hex(id('01'))}"]`).waitFor();
    const values = { text: 'hello', count: '42', ratio: '0.5', flag: 'true', list: '["a", 1]', map: '{k: "v"}',
      raw: '0x0a0b', empty: '' };
    for (const [key, value] of Object.entries(values)) {
      assert.equal(await shownAttribute(page, 'span-attributes', key), value, `attribute ${key}`);
    }
    const details = await page.textContent('[data-testid="details-body"]');
    assert.match(details, /Kindserver/);
    assert.match(details, /Scopeio\.example 1\.2/);
    const events = await page.textContent('[data-testid="span-events"]');
    assert.match(events, /cache miss/);
    assert.match(events, /\+10 ms/);
    assert.equal(await shownAttribute(page, 'span-events', 'cache.key'), 'cart:7');
    assert.equal(await page.getAttribute('[data-testid="span-links"] a', 'href'), `#trace=${linked}`);
    assert.match(await page.textContent('[data-testid="span-links"]'), new RegExp(hex(id('77'))));

    await page.focus(`[data-testid="span-row"][data-span-id="${hex(id('03'))}"]`);
    await page.keyboard.press(' ');
    await page.locator(`[data-testid="span-details"][data-span-id="${hex(id('03'))}"]`).waitFor();
    assert.match(await page.textContent('[data-testid="details-body"]'), /Statuserror: card declined/);
  });

  await step('a refused query shows the server\'s one-line reason', async () => {
    const bad = '{ .a = }';
    await search(page, bad);
    const expected = await api('/api/search?q=' + encodeURIComponent(bad));
    assert.equal(expected.status, 400);
    await page.locator('[data-testid="error"]').waitFor();
    assert.equal(await page.textContent('[data-testid="error-message"]'), expected.text.trim().split('\n')[0]);
    assert.match(await page.textContent('[data-testid="error-title"]'), /400/);
    // a metrics query over all time is refused before any request: Tempo's metrics need a range
    await page.fill('[data-testid="query"]', '{ } | rate()');
    await page.selectOption('[data-testid="range"]', 'all');
    await page.click('[data-testid="search-button"]');
    await page.getByText('a metrics query needs a time range').waitFor();
  });

  // the block's time range, from the search's start times and durations
  const starts = searchAnswer.traces.map((t) => BigInt(t.startTimeUnixNano));
  const ends = searchAnswer.traces.map((t) => BigInt(t.startTimeUnixNano) + BigInt(t.durationMs ?? 0) * 1_000_000n);
  const blockRange = {
    start: Number(starts.reduce((a, b) => (b < a ? b : a)) / 1_000_000_000n),
    end: Number(ends.reduce((a, b) => (b > a ? b : a)) / 1_000_000_000n) + 2,
  };

  const checkChart = async (query) => {
    const sent = await search(page, query, { range: blockRange });
    assert.equal(sent.pathname, '/api/metrics/query_range');
    assert.equal(sent.searchParams.get('q'), query);
    assert.equal(sent.searchParams.get('start'), String(blockRange.start));
    assert.equal(sent.searchParams.get('end'), String(blockRange.end));
    assert.match(sent.searchParams.get('step'), /^\d+s$/);
    const answer = await apiJson(sent.pathname + sent.search);
    assert.ok(answer.series.length > 0, `${query}: series over the block's range`);
    await page.locator(`[data-testid="chart-legend"] li >> nth=${answer.series.length - 1}`).waitFor();
    assert.equal(await page.isHidden('[data-testid="error"]'), true, 'the last error is cleared');
    assert.equal(await page.isHidden('[data-testid="results"]'), true, 'the chart replaces the list');
    const lines = await page.$$eval('[data-testid="series-line"]', (all) => all.map((l) => ({
      name: l.dataset.series, points: Number(l.dataset.points),
      drawn: l.getAttribute('points').trim().split(/\s+/).filter(Boolean).length,
    })));
    const name = (series) => (series.labels?.length
      ? `{${series.labels.map((l) => `${l.key}=${JSON.stringify(l.value.stringValue)}`).join(', ')}}` : query);
    assert.deepEqual(lines.map((l) => l.name), answer.series.map(name), 'a polyline per series, named by its labels');
    assert.deepEqual(lines.map((l) => l.points), answer.series.map((s) => s.samples.length), 'a point per sample');
    assert.deepEqual(lines.map((l) => l.drawn), lines.map((l) => l.points));
    assert.deepEqual(await page.$$eval('[data-testid="legend-item"]', (all) => all.map((i) => i.textContent)),
      answer.series.map(name), 'the legend');
  };

  await step('{ } | rate() over the block draws its one series', async () => {
    await checkChart('{ } | rate()');
  });

  await step('a rate by service draws a polyline per series', async () => {
    // the trace closes with the address, so that the chart's screenshot shows the chart alone
    await page.evaluate(() => { location.hash = ''; });
    await page.locator('[data-testid="trace-view"]').waitFor({ state: 'hidden' });
    await checkChart('{ } | rate() by (resource.service.name)');
    if (shots) {
      const chart = await page.locator('[data-testid="chart"]').boundingBox();
      await page.screenshot({ path: path.join(shots, 'tempo-viewer-metrics.png'),
        clip: { x: 0, y: 0, width: 1400, height: Math.ceil(chart.y + chart.height + 16) } });
    }
  });

  await step('no script errors on the page', async () => {
    assert.deepEqual(pageErrors, []);
  });
} catch (e) {
  failed = true;
  console.error(`FAILED - ${currentStep}\n${e.stack ?? e}`);
  if (pageErrors.length) console.error(`page errors: ${pageErrors.join('; ')}`);
} finally {
  await browser.close();
}
console.log(`viewer: ${passed.length} steps ok${failed ? ', then a failure' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
