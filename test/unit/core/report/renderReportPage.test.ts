import { escapeHtml } from '../../../../nodes/core/form/escapeHtml';
import { computeCallbackMetrics } from '../../../../nodes/core/report/callbackMetrics';
import { BREAKDOWN_DEFINITIONS, METRIC_DEFINITIONS } from '../../../../nodes/core/report/metricDefinitions';
import { renderReportCharts } from '../../../../nodes/core/report/reportCharts';
import { KEY_FIGURES, renderReportPage, renderReportRefusedPage } from '../../../../nodes/core/report/renderReportPage';
import { controlNamed, decodeEntities, innerHtmlById, tagsOf, textOf, withoutInlineCode } from '../form/htmlInspection';
import { FIXTURE_CALLBACKS, FIXTURE_PERIOD } from './reportFixture';
import { inspectSvg } from './svgInspection';

const NONCE = 'bm9uY2Utb2YtdGhlLXRlc3Q=';
const TOKEN = 'tok"en<&>\'`abc';
const BUSINESS = 'Acme <script>alert(1)</script> & "Sons"';
const metrics = computeCallbackMetrics(FIXTURE_CALLBACKS, FIXTURE_PERIOD);

function render(overrides: Partial<Parameters<typeof renderReportPage>[0]> = {}): string {
	return renderReportPage({ businessName: BUSINESS, metrics, token: TOKEN, nonce: NONCE, generatedAt: new Date('2026-11-04T15:00:00Z'), ...overrides });
}

/** Text of a fragment with each element's text kept apart by a space, as table cells are read. */
function spacedText(markup: string): string {
	return decodeEntities(markup.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** The page's text with markup, script and style removed and entities decoded. */
function pageText(html: string): string {
	return textOf(withoutInlineCode(html).replace(/<(script|style)\b[^>]*><\/\1>/gi, ''));
}

describe('renderReportPage', () => {
	const html = render();

	it('is a complete document with a heading naming the business and the period', () => {
		expect(html.startsWith('<!doctype html>')).toBe(true);
		expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
		const heading = html.match(/<h1>([\s\S]*?)<\/h1>/);
		expect(heading && textOf(heading[1])).toBe(`Callback report for ${BUSINESS}`);
		expect(pageText(html)).toContain('Fri 30 Oct 2026 to Mon 2 Nov 2026 · days in America/New_York');
	});

	it('escapes the business name everywhere', () => {
		expect(html).not.toContain('<script>alert(1)');
		expect(html).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot;');
	});

	it('contains each of the four charts exactly as the chart renderer draws them', () => {
		const charts = renderReportCharts(metrics, { businessName: BUSINESS });
		for (const svg of Object.values(charts)) {
			expect(html).toContain(svg);
			expect(inspectSvg(svg).problems).toEqual([]);
		}
		expect(html.match(/<svg\b[^>]*role="img"/g)).toHaveLength(4);
	});

	it('shows every figure as a card with its label, value, unit and definition', () => {
		for (const definition of METRIC_DEFINITIONS) {
			const card = innerHtmlById(html, `figure-${definition.key}`);
			expect(card).toBeDefined();
			expect(card).toContain(`<dt>${escapeHtml(definition.label)}</dt>`);
			expect(card).toContain(`<dd class="definition">${escapeHtml(definition.definition)}</dd>`);
		}
		expect(spacedText(innerHtmlById(html, 'figure-requests') as string)).toContain('10 callbacks');
		expect(spacedText(innerHtmlById(html, 'figure-reachRate') as string)).toContain('57%');
		expect(spacedText(innerHtmlById(html, 'figure-medianSecondsToFirstCall') as string)).toContain('3 min');
		expect(spacedText(innerHtmlById(html, 'figure-p90SecondsToFirstCall') as string)).toContain('9 h 30 min');
		expect(spacedText(innerHtmlById(html, 'figure-noShows') as string)).toMatch(/^No-shows 1 callback /);
	});

	it('shows the key figures first', () => {
		const order = [...html.matchAll(/id="figure-(\w+)"/g)].map((match) => match[1]);
		expect(order.slice(0, KEY_FIGURES.length)).toEqual([...KEY_FIGURES]);
		expect(new Set(order).size).toBe(METRIC_DEFINITIONS.length);
	});

	it('explains each breakdown and gives it a table as a text alternative', () => {
		for (const breakdown of BREAKDOWN_DEFINITIONS) {
			expect(html).toContain(escapeHtml(breakdown.definition));
			expect(tagsOf(html).some((tag) => tag.name === 'table' && tag.attributes.id === `table-${breakdown.key}`)).toBe(true);
		}
		const perDay = spacedText(innerHtmlById(html, 'table-perDay') as string);
		expect(perDay).toContain('Fri 30 Oct 4 1 2 50%');
		expect(perDay).toContain('Sun 1 Nov 2 0 1 0%');
		expect(perDay).toContain('Whole period 10 4 7 57%');
		const perChannel = spacedText(innerHtmlById(html, 'table-perChannel') as string);
		expect(perChannel).toContain('Web form 7 3 2 60%');
		expect(perChannel).toContain('Text message 3 1 1 50%');
		expect(perChannel).not.toContain('HighLevel');
		expect(spacedText(innerHtmlById(html, 'table-byAttempt') as string)).toContain('Call 3 or later 2 1 1 50%');
		expect(spacedText(innerHtmlById(html, 'table-timeToFirstCall') as string)).toContain('4 to 24 hours 2 25%');
		// Headers are marked as such, for screen readers.
		expect(html).toContain('<th scope="col">Reach rate</th>');
		expect(html).toContain('<th scope="row">Web form</th>');
	});

	it('has a GET period picker with the dates and the token in a hidden field, escaped', () => {
		const form = tagsOf(html).find((tag) => tag.name === 'form');
		expect(form?.attributes.method).toBe('get');
		// No action: the form goes back to the page's own address, whatever path the webhook has.
		expect(form?.attributes.action).toBeUndefined();
		expect(controlNamed(html, 'from')?.attributes).toMatchObject({ type: 'date', value: '2026-10-30' });
		expect(controlNamed(html, 'to')?.attributes).toMatchObject({ type: 'date', value: '2026-11-02' });
		const token = controlNamed(html, 'token');
		expect(token?.attributes.type).toBe('hidden');
		expect(token?.attributes.value).toBe(TOKEN);
		expect(token?.source).toContain(`value="${escapeHtml(TOKEN)}"`);
		expect(html).not.toContain(TOKEN);
		expect(controlNamed(html, 'channel')).toBeUndefined();
	});

	it('keeps a channel filter through the picker', () => {
		const filtered = render({ metrics: computeCallbackMetrics(FIXTURE_CALLBACKS, FIXTURE_PERIOD, { channel: 'sms' }) });
		expect(controlNamed(filtered, 'channel')?.attributes).toMatchObject({ type: 'hidden', value: 'sms' });
		expect(pageText(filtered)).toContain('Text message only');
	});

	it('labels the date fields', () => {
		for (const id of ['report-from', 'report-to']) expect(tagsOf(html).some((tag) => tag.name === 'label' && tag.attributes.for === id)).toBe(true);
	});

	it('loads nothing from elsewhere and runs no script', () => {
		expect(html).not.toMatch(/<script\b/i);
		expect(html).not.toMatch(/https?:\/\//i);
		expect(html).not.toMatch(/\b(?:src|href)=/i);
		expect(html).not.toMatch(/url\(|@import/i);
	});

	it('works under the Content-Security-Policy: one nonce-bearing style element and no style attributes', () => {
		const styles = tagsOf(html).filter((tag) => tag.name === 'style');
		expect(styles).toHaveLength(1);
		expect(styles[0].attributes.nonce).toBe(NONCE);
		expect(tagsOf(html).filter((tag) => 'style' in tag.attributes)).toEqual([]);
	});

	it('has print styles and a narrow-screen layout', () => {
		expect(html).toMatch(/@media print\{[\s\S]*\.period-picker\{display:none\}/);
		expect(html).toContain('@media (max-width:30rem)');
		// Figure cards shrink to the screen rather than keep a fixed width.
		expect(html).toContain('minmax(min(100%,14rem),1fr)');
		// Tables may scroll sideways inside their own box instead of widening the page.
		expect(html).toMatch(/\.table-wrap\{overflow-x:auto/);
	});

	it('says when the statuses were read, in the report’s zone', () => {
		expect(pageText(html)).toContain('Statuses as of Wed 4 Nov 2026, 10:00 (America/New_York).');
	});

	it('shows a notice, escaped, when one is given', () => {
		const withNotice = render({ notice: 'To date "2026-13-01" is not a real calendar date <b>' });
		expect(withNotice).toContain('<p class="report-notice" role="alert">To date &quot;2026-13-01&quot; is not a real calendar date &lt;b&gt;</p>');
		expect(html).not.toContain('report-notice" role');
	});

	it('says there were no callbacks, in the charts and the tables, for an empty period', () => {
		const empty = render({ metrics: computeCallbackMetrics([], FIXTURE_PERIOD) });
		expect(empty.match(/No callbacks in this period/g)?.length).toBeGreaterThanOrEqual(8);
		expect(spacedText(innerHtmlById(empty, 'figure-reachRate') as string)).toContain('No data');
		expect(empty).not.toContain('NaN');
	});
});

describe('renderReportRefusedPage', () => {
	const html = renderReportRefusedPage({ businessName: BUSINESS, nonce: NONCE });

	it('says the link is missing its access token', () => {
		expect(pageText(html)).toContain('This report link is missing its access token');
	});

	it('holds no figures, charts, tables, definitions or form', () => {
		expect(html).not.toContain('<svg role');
		expect(html).not.toMatch(/<(table|form|dl|input)\b/);
		expect(html).not.toContain('class="figure');
		for (const definition of METRIC_DEFINITIONS) expect(html).not.toContain(escapeHtml(definition.definition));
		const text = pageText(html);
		for (const figure of ['57%', 'Reach rate', 'Requests']) expect(text).not.toContain(figure);
	});

	it('escapes the business name and loads nothing', () => {
		expect(html).not.toContain('<script>alert');
		expect(html).not.toMatch(/https?:\/\//);
		expect(tagsOf(html).find((tag) => tag.name === 'style')?.attributes.nonce).toBe(NONCE);
	});
});
