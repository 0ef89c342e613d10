import { formatDuration, formatMetricValue, formatPercent, unitText } from '../../../../nodes/core/report/formatMetricValue';

describe('formatDuration', () => {
	it.each([
		[0, '0 s'],
		[44.6, '45 s'],
		[60, '1 min'],
		[185, '3 min 5 s'],
		[3600, '1 h'],
		[34200, '9 h 30 min'],
		[34220, '9 h 30 min'],
		[86_400, '1 d'],
		[187_200, '2 d 4 h'],
		[-5, '0 s'],
		[null, 'No data'],
	])('%p s → %p', (seconds, text) => {
		expect(formatDuration(seconds)).toBe(text);
	});
});

describe('formatMetricValue', () => {
	it('writes rates as whole percentages, times as durations and counts with separators', () => {
		expect(formatMetricValue(4 / 7, 'ratio')).toBe('57%');
		expect(formatMetricValue(1, 'ratio')).toBe('100%');
		expect(formatMetricValue(1240, 'seconds')).toBe('20 min 40 s');
		expect(formatMetricValue(12_345, 'callbacks')).toBe('12,345');
		expect(formatMetricValue(null, 'ratio')).toBe('No data');
		expect(formatPercent(null)).toBe('No data');
	});
});

describe('unitText', () => {
	it('names the counted thing, singular for one, and nothing for rates or times', () => {
		expect(unitText(1, 'callbacks')).toBe('callback');
		expect(unitText(2, 'callbacks')).toBe('callbacks');
		expect(unitText(0, 'calls')).toBe('calls');
		expect(unitText(3, 'duplicates')).toBe('duplicates');
		expect(unitText(0.5, 'ratio')).toBe('');
		expect(unitText(60, 'seconds')).toBe('');
		expect(unitText(null, 'callbacks')).toBe('');
	});
});
