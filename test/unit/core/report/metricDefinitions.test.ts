import { computeCallbackMetrics } from '../../../../nodes/core/report/callbackMetrics';
import { BREAKDOWN_DEFINITIONS, METRIC_DEFINITIONS, metricDefinition, metricRows } from '../../../../nodes/core/report/metricDefinitions';
import { FIXTURE_CALLBACKS, FIXTURE_PERIOD } from './reportFixture';

const metrics = computeCallbackMetrics(FIXTURE_CALLBACKS, FIXTURE_PERIOD);

describe('METRIC_DEFINITIONS', () => {
	it('defines every figure the metrics hold, once each, and nothing else', () => {
		const keys = METRIC_DEFINITIONS.map((definition) => definition.key);
		expect(new Set(keys).size).toBe(keys.length);
		expect([...keys].sort()).toEqual(Object.keys(metrics.figures).sort());
	});

	it('gives each a label, a known unit and a one-sentence definition', () => {
		for (const definition of METRIC_DEFINITIONS) {
			expect(definition.label.trim()).not.toBe('');
			expect(['callbacks', 'calls', 'duplicates', 'requests', 'ratio', 'seconds']).toContain(definition.unit);
			expect(definition.definition).toMatch(/^[A-Z].*\.$/);
			// One sentence: no full stop followed by another sentence.
			expect(definition.definition).not.toMatch(/\.\s+[A-Z]/);
		}
	});

	it('uses the ratio unit for rates and seconds for times', () => {
		for (const key of ['reachRate', 'reachedShareOfRequests', 'outsideHoursShare'] as const) expect(metricDefinition(key).unit).toBe('ratio');
		for (const key of ['medianSecondsToFirstCall', 'p90SecondsToConnection', 'medianTalkSeconds'] as const) expect(metricDefinition(key).unit).toBe('seconds');
	});

	it('states the reach-rate and time-to-first-call definitions the figures are computed by', () => {
		expect(metricDefinition('reachRate').definition).toContain('Cancelled after at least one call');
		expect(metricDefinition('medianSecondsToFirstCall').definition).toContain('booked time');
	});

	it('defines each of the four breakdowns', () => {
		expect(BREAKDOWN_DEFINITIONS.map((definition) => definition.key).sort()).toEqual(['byAttempt', 'perChannel', 'perDay', 'timeToFirstCall']);
		for (const definition of BREAKDOWN_DEFINITIONS) expect(definition.definition).toMatch(/^[A-Z].*\.$/);
	});
});

describe('metricRows', () => {
	const rows = metricRows(metrics);

	it('gives one row per figure, in definition order, with the value from the metrics', () => {
		expect(rows.map((row) => row.key)).toEqual(METRIC_DEFINITIONS.map((definition) => definition.key));
		for (const row of rows) expect(row.value).toBe(metrics.figures[row.key]);
	});

	it('carries label, unit and definition with each value', () => {
		expect(rows.find((row) => row.key === 'reachRate')).toEqual({
			key: 'reachRate',
			label: 'Reach rate',
			value: 4 / 7,
			unit: 'ratio',
			definition: metricDefinition('reachRate').definition,
		});
		expect(rows.find((row) => row.key === 'requests')).toMatchObject({ value: 10, unit: 'callbacks' });
	});

	it('keeps null for a figure with nothing to measure', () => {
		const empty = metricRows(computeCallbackMetrics([], FIXTURE_PERIOD));
		expect(empty.find((row) => row.key === 'reachRate')?.value).toBeNull();
		expect(empty.find((row) => row.key === 'requests')?.value).toBe(0);
		expect(JSON.parse(JSON.stringify(empty))).toEqual(empty);
	});
});
