import { isClosedOn, parseClosures } from '../../../../nodes/core/schedule/closures';
import { ScheduleSettingsError } from '../../../../nodes/core/schedule/errors';

describe('closures', () => {
	it('closes one-off and yearly dates', () => {
		const closures = parseClosures('2026-11-26, 12-25\n01-01');
		expect(isClosedOn(closures, '2026-11-26')).toBe(true);
		expect(isClosedOn(closures, '2027-11-26')).toBe(false);
		expect(isClosedOn(closures, '2026-12-25')).toBe(true);
		expect(isClosedOn(closures, '2031-12-25')).toBe(true);
		expect(isClosedOn(closures, '2027-01-01')).toBe(true);
		expect(isClosedOn(closures, '2026-12-24')).toBe(false);
	});

	it('closes ranges, including yearly ranges across New Year', () => {
		const closures = parseClosures(['2026-08-03..2026-08-14', '12-24..01-02']);
		expect(isClosedOn(closures, '2026-08-02')).toBe(false);
		expect(isClosedOn(closures, '2026-08-03')).toBe(true);
		expect(isClosedOn(closures, '2026-08-14')).toBe(true);
		expect(isClosedOn(closures, '2026-08-15')).toBe(false);
		expect(isClosedOn(closures, '2026-12-23')).toBe(false);
		expect(isClosedOn(closures, '2026-12-31')).toBe(true);
		expect(isClosedOn(closures, '2027-01-02')).toBe(true);
		expect(isClosedOn(closures, '2027-01-03')).toBe(false);
	});

	it('applies a yearly 02-29 only in leap years', () => {
		const closures = parseClosures('02-29');
		expect(isClosedOn(closures, '2028-02-29')).toBe(true);
		expect(isClosedOn(closures, '2027-02-28')).toBe(false);
		expect(isClosedOn(closures, '2027-03-01')).toBe(false);
	});

	it('accepts nothing at all', () => {
		expect(isClosedOn(parseClosures(undefined), '2026-12-25')).toBe(false);
		expect(isClosedOn(parseClosures(''), '2026-12-25')).toBe(false);
	});

	it.each([
		['2026-02-29', '2026-02-29 is not a real date'],
		['02-30', '02-30 is not a real month and day'],
		['25/12/2026', 'is not a date'],
		['2026-12-31..2026-12-01', 'ends before it starts'],
		['2026-12-24..12-26', 'mixes a full date and a yearly date'],
	])('rejects %j', (text, message) => {
		expect(() => parseClosures(text)).toThrow(ScheduleSettingsError);
		expect(() => parseClosures(text)).toThrow(message);
	});
});
