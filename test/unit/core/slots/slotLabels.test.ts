import { labelSlot } from '../../../../nodes/core/slots/slotLabels';
import { readPriority } from '../../../../nodes/core/slots/priority';

describe('slot labels', () => {
	const start = Date.parse('2026-12-08T20:15:00Z');
	const slot = { start, end: start + 30 * 60_000 };

	it("reads a slot on the lead's own clock, with the zone's abbreviation", () => {
		expect(labelSlot(slot, 'America/New_York')).toEqual({
			start: '2026-12-08T20:15:00.000Z',
			end: '2026-12-08T20:45:00.000Z',
			dayKey: '2026-12-08',
			day: 'Tuesday 8 December',
			time: '3:15 PM',
			zone: 'EST',
			text: 'Tue 8 Dec, 3:15 PM EST',
		});
	});

	it('uses the offset where a zone has no common abbreviation, and the lead’s own date', () => {
		const label = labelSlot(slot, 'Asia/Kolkata');
		expect(label).toMatchObject({ dayKey: '2026-12-09', day: 'Wednesday 9 December', time: '1:45 AM', zone: 'GMT+5:30' });
	});
});

describe('priority', () => {
	it.each([['VIP'], ['high'], [' yes '], ['true'], [true], [1], [['urgent']]])('%p is a priority callback', (value) => {
		expect(readPriority(value)).toBe('high');
	});

	it.each([[''], ['no'], ['low'], [null], [undefined], [0], [['vip', 'high']], [{}]])('%p is not', (value) => {
		expect(readPriority(value)).toBe('normal');
	});
});
