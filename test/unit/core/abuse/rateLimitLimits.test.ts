import {
	DEFAULT_RATE_LIMIT_TEXT,
	DEFAULT_RATE_LIMITS,
	formatWindow,
	parseRateLimits,
	parseRateLimitSettings,
	RateLimitSettingsError,
} from '../../../../nodes/core/abuse/rateLimitLimits';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('default rate limits', () => {
	it('are per IP 20 a day and 5 per 10 minutes, per prefix 10 an hour, 60 an hour in total', () => {
		expect(DEFAULT_RATE_LIMITS).toEqual([
			{ name: 'ip', max: 20, windowMs: DAY },
			{ name: 'ip', max: 5, windowMs: 10 * MINUTE },
			{ name: 'prefix', max: 10, windowMs: HOUR },
			{ name: 'global', max: 60, windowMs: HOUR },
		]);
	});
	it('are what the settings show by default', () => {
		expect(DEFAULT_RATE_LIMIT_TEXT).toEqual({ ip: '5/10m, 20/1d', prefix: '10/1h', global: '60/1h' });
		expect(parseRateLimitSettings({ ...DEFAULT_RATE_LIMIT_TEXT })).toEqual(DEFAULT_RATE_LIMITS);
	});
});

describe('parseRateLimits', () => {
	it.each([
		['5/10m', 5, 10 * MINUTE],
		['5 / 10 min', 5, 10 * MINUTE],
		['5/10mins', 5, 10 * MINUTE],
		['3 per hour', 3, HOUR],
		['3/h', 3, HOUR],
		['3/2hours', 3, 2 * HOUR],
		['20/1d', 20, DAY],
		['20/day', 20, DAY],
		['20/7days', 20, 7 * DAY],
		['2/90s', 2, 90_000],
		['2/30sec', 2, 30_000],
		['1/1D', 1, DAY],
	])('%p allows %p per %p ms', (text, max, windowMs) => {
		expect(parseRateLimits('ip', text)).toEqual([{ name: 'ip', max, windowMs }]);
	});

	it('reads several limits, longest window first, between commas, semicolons or lines', () => {
		expect(parseRateLimits('ip', '5/10m; 20/1d\n8/1h,')).toEqual([
			{ name: 'ip', max: 20, windowMs: DAY },
			{ name: 'ip', max: 8, windowMs: HOUR },
			{ name: 'ip', max: 5, windowMs: 10 * MINUTE },
		]);
	});

	it.each(['', '   ', 'off', 'OFF', 'none', null, undefined])('%p turns the limit off', (text) => {
		expect(parseRateLimits('global', text)).toEqual([]);
	});

	it.each([
		['5/10x', 'Requests per IP address: "5/10x" is not a limit; write the number of requests, a slash and a time, like 5/10m'],
		['five per hour', '"five per hour" is not a limit'],
		['5/10ms', '"5/10ms" is not a limit'],
		['5/1constructor', '"5/1constructor" is not a limit'],
		['5', '"5" is not a limit'],
		['-1/1h', '"-1/1h" is not a limit'],
		['1.5/1h', '"1.5/1h" is not a limit'],
		['0/1h', '"0/1h" allows 0 requests; use 1 to 1000000, or leave the setting empty to turn this limit off'],
		['2000000/1h', 'allows 2000000 requests'],
		['5/0m', 'the time in "5/0m" must be from 1s to 31d'],
		['5/32d', 'the time in "5/32d" must be from 1s to 31d'],
		['5/10m, 8/600s', 'two limits per 10m ("5/10m" and "8/600s"); keep one'],
	])('%p is refused: %s', (text, message) => {
		expect(() => parseRateLimits('ip', text)).toThrow(RateLimitSettingsError);
		expect(() => parseRateLimits('ip', text)).toThrow(message);
	});

	it('names the setting in the message', () => {
		expect(() => parseRateLimits('prefix', 'lots')).toThrow(/^Requests per number prefix: /);
		expect(() => parseRateLimits('global', 'lots')).toThrow(/^Requests in total: /);
	});
});

describe('parseRateLimitSettings', () => {
	it('takes the default for a setting left out and turns off an empty one', () => {
		expect(parseRateLimitSettings({ ip: '3/1h', prefix: '' })).toEqual([
			{ name: 'ip', max: 3, windowMs: HOUR },
			{ name: 'global', max: 60, windowMs: HOUR },
		]);
	});
});

describe('formatWindow', () => {
	it.each([
		[DAY, '1d'],
		[2 * DAY, '2d'],
		[36 * HOUR, '36h'],
		[HOUR, '1h'],
		[10 * MINUTE, '10m'],
		[90_000, '90s'],
		[1500, '1500ms'],
	])('%p ms is %p', (windowMs, text) => {
		expect(formatWindow(windowMs)).toBe(text);
	});
});
