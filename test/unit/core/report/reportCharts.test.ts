import fc from 'fast-check';

import { computeCallbackMetrics } from '../../../../nodes/core/report/callbackMetrics';
import type { ReportCallback } from '../../../../nodes/core/report/reportCallback';
import {
	CHART_COLOURS,
	NO_CALLBACKS_TEXT,
	NO_CALLS_TEXT,
	renderByAttemptChart,
	renderPerChannelChart,
	renderPerDayChart,
	renderReportCharts,
	renderTimeToFirstCallChart,
} from '../../../../nodes/core/report/reportCharts';
import type { ReportCharts } from '../../../../nodes/core/report/reportCharts';
import { reportCaseArb } from './reportArbitraries';
import { FIXTURE_CALLBACKS, FIXTURE_PERIOD } from './reportFixture';
import { inspectSvg } from './svgInspection';

const HOSTILE_NAME = 'Acme <script>alert(1)</script> & "Sons"';
const context = { businessName: HOSTILE_NAME };
const fixtureMetrics = computeCallbackMetrics(FIXTURE_CALLBACKS, FIXTURE_PERIOD);
const emptyMetrics = computeCallbackMetrics([], FIXTURE_PERIOD);

const CHART_NAMES: Array<keyof ReportCharts> = ['perDay', 'timeToFirstCall', 'byAttempt', 'perChannel'];

/** Every start tag with its attributes, for geometry and attribute checks. */
function elementsWithAttributes(svg: string): Array<{ name: string; attributes: Record<string, string> }> {
	return [...svg.matchAll(/<([a-z]+)((?:\s+[\w:-]+="[^"]*")*)\s*\/?>/g)].map((match) => ({
		name: match[1],
		attributes: Object.fromEntries([...match[2].matchAll(/([\w:-]+)="([^"]*)"/g)].map((part) => [part[1], part[2]])),
	}));
}

function expectAccessibleSvg(svg: string): void {
	const check = inspectSvg(svg);
	expect(check.problems).toEqual([]);
	expect(check.elements[0]).toBe('svg');
	expect(check.rootAttributes.role).toBe('img');
	expect(check.rootAttributes.viewBox).toMatch(/^0 0 \d+ \d+$/);
	expect(check.title.trim()).not.toBe('');
	expect(check.desc.trim()).not.toBe('');
	// aria-labelledby names the title and the desc of this chart.
	const [titleId, descId] = check.rootAttributes['aria-labelledby'].split(' ');
	expect(svg).toContain(`<title id="${titleId}">`);
	expect(svg).toContain(`<desc id="${descId}">`);
	// Nothing the page's Content-Security-Policy would block or that loads from elsewhere.
	expect(svg).not.toMatch(/<script|style=|href=|url\(|https?:/i);
}

describe('every chart', () => {
	const cases: Array<[string, ReportCharts]> = [
		['the fixture', renderReportCharts(fixtureMetrics, context)],
		['an empty period', renderReportCharts(emptyMetrics, context)],
		['one channel', renderReportCharts(computeCallbackMetrics(FIXTURE_CALLBACKS, FIXTURE_PERIOD, { channel: 'sms' }), context)],
		['no business name', renderReportCharts(fixtureMetrics, { businessName: '  ' })],
	];

	it.each(cases)('is well-formed, accessible SVG for %s', (_, charts) => {
		for (const name of CHART_NAMES) expectAccessibleSvg(charts[name]);
	});

	it('escapes the business name everywhere and keeps it readable in the title', () => {
		const charts = renderReportCharts(fixtureMetrics, context);
		for (const name of CHART_NAMES) {
			const svg = charts[name];
			expect(svg).not.toContain('<script');
			expect(svg).not.toContain('"Sons"');
			expect(svg).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot;');
			expect(inspectSvg(svg).title).toContain(HOSTILE_NAME);
		}
	});

	it('drops characters XML does not allow instead of writing them', () => {
		const svg = renderPerDayChart(fixtureMetrics, { businessName: 'Bad\u0001Name\uFFFF' });
		expect(inspectSvg(svg).title).toContain('BadName');
		expect(svg).not.toMatch(/[\u0001\uFFFF]/);
	});

	it('gives each chart its own element ids, prefixed when asked', () => {
		const charts = renderReportCharts(fixtureMetrics, { businessName: 'Acme', idPrefix: 'weekly' });
		const ids = CHART_NAMES.map((name) => inspectSvg(charts[name]).rootAttributes.id);
		expect(new Set(ids).size).toBe(4);
		for (const id of ids) expect(id).toMatch(/^weekly-/);
	});

	it('keeps every shape inside the viewBox', () => {
		const charts = renderReportCharts(fixtureMetrics, context);
		for (const name of CHART_NAMES) {
			const [, , width, height] = inspectSvg(charts[name]).rootAttributes.viewBox.split(' ').map(Number);
			for (const element of elementsWithAttributes(charts[name])) {
				const number = (key: string): number => Number(element.attributes[key] ?? 0);
				for (const key of ['x', 'x1', 'x2', 'cx']) if (key in element.attributes) expect(number(key)).toBeGreaterThanOrEqual(0);
				for (const key of ['y', 'y1', 'y2', 'cy']) if (key in element.attributes) expect(number(key)).toBeGreaterThanOrEqual(0);
				for (const key of ['x1', 'x2', 'cx']) if (key in element.attributes) expect(number(key)).toBeLessThanOrEqual(width);
				for (const key of ['y1', 'y2', 'cy']) if (key in element.attributes) expect(number(key)).toBeLessThanOrEqual(height);
				if (element.name === 'rect') {
					expect(number('x') + number('width')).toBeLessThanOrEqual(width + 0.1);
					expect(number('y') + number('height')).toBeLessThanOrEqual(height + 0.1);
				}
			}
		}
	});
});

describe('requests and reach rate per day', () => {
	const svg = renderPerDayChart(fixtureMetrics, context);
	const elements = elementsWithAttributes(svg);

	it('puts the numbers of each day in the description', () => {
		const { desc } = inspectSvg(svg);
		expect(desc).toContain('In all 10 requests, 4 reached.');
		expect(desc).toContain('Fri 30 Oct 2026: 4 requests, 1 reached, reach rate 50%.');
		expect(desc).toContain('Sat 31 Oct 2026: 2 requests, 2 reached, reach rate 100%.');
		expect(desc).toContain('Sun 1 Nov 2026: 2 requests, 0 reached, reach rate 0%.');
		expect(desc).toContain('Mon 2 Nov 2026: 2 requests, 1 reached, reach rate 50%.');
	});

	it('draws one bar per day with requests, heights in proportion', () => {
		// The legend's swatch is the first rect in the requests colour; the bars follow.
		const bars = elements.filter((element) => element.name === 'rect' && element.attributes.fill === CHART_COLOURS.requests).slice(1);
		expect(bars.map((bar) => Number(bar.attributes.height))).toHaveLength(4);
		const [friday, saturday, sunday, monday] = bars.map((bar) => Number(bar.attributes.height));
		expect(friday).toBeCloseTo(saturday * 2, 0);
		expect(sunday).toBeCloseTo(saturday, 5);
		expect(monday).toBeCloseTo(saturday, 5);
	});

	it('draws the reach rate as a dot per day with a rate, joined by a line', () => {
		const dots = elements.filter((element) => element.name === 'circle');
		// The legend's dot, then one per day.
		expect(dots).toHaveLength(1 + 4);
		const heights = dots.slice(1).map((dot) => Number(dot.attributes.cy));
		// 50%, 100%, 0%, 50%: 100% highest (smallest y), 0% lowest.
		expect(heights[1]).toBeLessThan(heights[0]);
		expect(heights[2]).toBeGreaterThan(heights[0]);
		expect(heights[3]).toBeCloseTo(heights[0], 5);
		expect(elements.filter((element) => element.name === 'polyline')).toHaveLength(1);
	});

	it('breaks the line on a day whose rate is unknown rather than drawing it as 0%', () => {
		const onlyOpenOnSaturday = FIXTURE_CALLBACKS.filter((callback) => !['third-attempt', 'late-saturday'].includes(callback.callbackId)).concat({
			...FIXTURE_CALLBACKS[0],
			callbackId: 'open-saturday',
			requestedAt: '2026-10-31T14:00:00Z',
		});
		const metrics = computeCallbackMetrics(onlyOpenOnSaturday, FIXTURE_PERIOD);
		expect(metrics.perDay[1].reachRate).toBeNull();
		const chart = renderPerDayChart(metrics, context);
		expect(elementsWithAttributes(chart).filter((element) => element.name === 'circle')).toHaveLength(1 + 3);
		expect(inspectSvg(chart).desc).toContain('Sat 31 Oct 2026: 1 request, 0 reached, reach rate not known yet.');
	});

	it('labels the axes: counts, percentages, days and the zone', () => {
		const { texts } = inspectSvg(svg);
		expect(texts).toEqual(expect.arrayContaining(['0', '4', '0%', '50%', '100%', 'Days in America/New_York', 'Requests', 'Reach rate']));
		// Each day on two lines, weekday over date, for a period of a week or less.
		const dayLabels = [...svg.matchAll(/<text [^>]*><tspan [^>]*>([^<]*)<\/tspan><tspan [^>]*>([^<]*)<\/tspan><\/text>/g)].map((match) => `${match[1]} ${match[2]}`);
		expect(dayLabels).toEqual(['Fri 30', 'Sat 31', 'Sun 1', 'Mon 2']);
	});

	it('thins the day labels for a whole year so they do not overlap', () => {
		const year = { from: '2025-01-01', to: '2025-12-31', timezone: 'UTC' };
		const callbacks: ReportCallback[] = [0, 100, 200, 364].map((day) => ({
			...FIXTURE_CALLBACKS[2],
			callbackId: `day-${day}`,
			requestedAt: new Date(Date.UTC(2025, 0, 1 + day, 12)).toISOString(),
			attempts: [],
		}));
		const chart = renderPerDayChart(computeCallbackMetrics(callbacks, year), context);
		expect(inspectSvg(chart).problems).toEqual([]);
		const dayLabels = [...chart.matchAll(/<text [^>]*><tspan [^>]*>([^<]*)<\/tspan><tspan [^>]*>([^<]*)<\/tspan><\/text>/g)].map((match) => `${match[1]} ${match[2]}`);
		// Two lines of about three characters each, roughly 29 units a label across a 288-unit plot.
		expect(dayLabels.length).toBeLessThanOrEqual(10);
		expect(dayLabels.length).toBeGreaterThanOrEqual(6);
		expect(dayLabels[0]).toBe('1 Jan');
		const xs = [...chart.matchAll(/<text [^>]*x="([\d.]+)"[^>]*><tspan/g)].map((match) => Number(match[1]));
		for (let index = 1; index < xs.length; index += 1) expect(xs[index] - xs[index - 1]).toBeGreaterThanOrEqual(28);
		expect(inspectSvg(chart).desc).toContain('361 other days had no requests.');
	});
});

describe('time to first call', () => {
	it('gives the count and share of each range in the description and beside each bar', () => {
		const svg = renderTimeToFirstCallChart(fixtureMetrics, context);
		const { desc, texts } = inspectSvg(svg);
		expect(desc).toContain('8 callbacks were called.');
		expect(desc).toContain('Under 1 minute: 2 callbacks (25%).');
		expect(desc).toContain('5 to 15 minutes: 1 callback (13%).');
		expect(desc).toContain('1 to 4 hours: 0 callbacks (0%).');
		expect(desc).toContain('4 to 24 hours: 2 callbacks (25%).');
		expect(texts).toEqual(expect.arrayContaining(['Under 1 minute', 'Over 1 day', '2 (25%)', '1 (13%)']));
	});

	it('says no calls were placed when callbacks exist but none was called', () => {
		const notCalled = FIXTURE_CALLBACKS.map((callback) => ({ ...callback, attempts: [] }));
		const metrics = computeCallbackMetrics(notCalled, FIXTURE_PERIOD);
		for (const svg of [renderTimeToFirstCallChart(metrics, context), renderByAttemptChart(metrics, context)]) {
			expectAccessibleSvg(svg);
			expect(inspectSvg(svg).texts).toContain(NO_CALLS_TEXT);
		}
	});
});

describe('outcomes by attempt', () => {
	it('stacks reached and not reached for each call, with the numbers in the description', () => {
		const svg = renderByAttemptChart(fixtureMetrics, context);
		const { desc, texts } = inspectSvg(svg);
		expect(desc).toContain('Call 1: 8 callbacks called, 2 reached, 6 not reached.');
		expect(desc).toContain('Call 2: 4 callbacks called, 1 reached, 3 not reached.');
		expect(desc).toContain('Call 3 or later: 2 callbacks called, 1 reached, 1 not reached.');
		expect(texts).toEqual(expect.arrayContaining(['2 of 8', '1 of 4', '1 of 2']));
		const segments = elementsWithAttributes(svg).filter((element) => element.name === 'rect' && element.attributes.height === '18');
		// Reached then not reached, for each of the three rows.
		expect(segments.map((segment) => segment.attributes.fill)).toEqual([
			CHART_COLOURS.reached,
			CHART_COLOURS.notReached,
			CHART_COLOURS.reached,
			CHART_COLOURS.notReached,
			CHART_COLOURS.reached,
			CHART_COLOURS.notReached,
		]);
		const widths = segments.map((segment) => Number(segment.attributes.width));
		// Row 1: 2 and 6 of the largest row (8), so 1 : 3.
		expect(widths[1]).toBeCloseTo(widths[0] * 3, 0);
	});
});

describe('outcomes by channel', () => {
	it('shows only channels with requests, with their numbers in the description', () => {
		const svg = renderPerChannelChart(fixtureMetrics, context);
		const { desc, texts } = inspectSvg(svg);
		expect(desc).toContain('Web form: 7 requests, 3 reached, 2 finished without reaching the lead, 2 still open or cancelled before a call; reach rate 60%.');
		expect(desc).toContain('Text message: 3 requests, 1 reached, 1 finished without reaching the lead, 1 still open or cancelled before a call; reach rate 50%.');
		expect(desc).not.toContain('HighLevel');
		expect(texts).toEqual(expect.arrayContaining(['Web form', 'Text message', '7 requests', '3 requests']));
		expect(texts).not.toContain('Phone menu');
	});
});

describe('an empty period', () => {
	it.each(CHART_NAMES)('%s says there were no callbacks, and draws no bars', (name) => {
		const svg = renderReportCharts(emptyMetrics, context)[name];
		const check = inspectSvg(svg);
		expect(check.texts).toContain(NO_CALLBACKS_TEXT);
		expect(check.desc).toBe(`${NO_CALLBACKS_TEXT}.`);
		expect(check.title).toContain('Acme');
		expect(check.elements.filter((element) => element === 'rect')).toHaveLength(1);
		expect(check.elements).not.toContain('polyline');
		expect(check.elements).not.toContain('circle');
	});
});

describe('charts for any callbacks', () => {
	it('are always well formed, and the per-day description gives the total', () => {
		fc.assert(
			fc.property(reportCaseArb(), ({ period, callbacks }) => {
				const metrics = computeCallbackMetrics(callbacks, period);
				const charts = renderReportCharts(metrics, { businessName: 'Acme & Co' });
				for (const name of CHART_NAMES) expect(inspectSvg(charts[name]).problems).toEqual([]);
				const desc = inspectSvg(charts.perDay).desc;
				if (metrics.figures.requests === 0) expect(desc).toBe(`${NO_CALLBACKS_TEXT}.`);
				else expect(desc).toContain(`In all ${metrics.figures.requests} request`);
			}),
			{ numRuns: 50 },
		);
	});
});
