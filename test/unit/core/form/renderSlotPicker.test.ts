import { renderSlotPicker, renderSlotDays, SLOT_PICKER_SCRIPT } from '../../../../nodes/core/form/renderSlotPicker';
import { callbackFormContentSecurityPolicy } from '../../../../nodes/core/form/renderCallbackFormPage';
import { labelSlots } from '../../../../nodes/core/slots/slotLabels';
import { tagsOf } from './htmlInspection';

const HALF_HOUR = 30 * 60_000;
const monday9 = Date.parse('2026-12-07T14:00:00Z');
const tuesday9 = Date.parse('2026-12-08T14:00:00Z');
const slots = labelSlots(
	[monday9, monday9 + HALF_HOUR, tuesday9].map((start) => ({ start, end: start + HALF_HOUR })),
	'America/New_York',
);

function picker(overrides: Partial<Parameters<typeof renderSlotPicker>[0]> = {}): string {
	return renderSlotPicker({
		fieldName: 'preferred_time',
		zoneFieldName: 'timezone',
		slots,
		zone: 'America/New_York',
		zoneChoices: ['America/Chicago', 'America/New_York'],
		slotMinutes: 30,
		asapAllowed: true,
		selected: '',
		slotsQuery: '?slots=1',
		error: '',
		zoneChosen: false,
		...overrides,
	});
}

describe('slot picker', () => {
	it('groups the slots by day, each day a labelled group of radio buttons posting the slot start', () => {
		const html = picker();
		const groups = tagsOf(html).filter((tag) => tag.attributes.role === 'group');
		expect(groups.map((group) => group.attributes['aria-labelledby'])).toEqual(['slot-day-2026-12-07', 'slot-day-2026-12-08']);
		expect(html).toContain('<h3 class="slot-day-title" id="slot-day-2026-12-07">Monday 7 December</h3>');
		const radios = tagsOf(html).filter((tag) => tag.name === 'input' && tag.attributes.type === 'radio');
		expect(radios.map((radio) => radio.attributes.value)).toEqual(['', ...slots.map((slot) => slot.start)]);
		expect(new Set(radios.map((radio) => radio.attributes.name))).toEqual(new Set(['preferred_time']));
	});

	it('gives every slot a label naming the day, the time and the zone', () => {
		const html = picker();
		for (const [index, slot] of slots.entries()) {
			expect(html).toContain(`<label for="slot-${index}"><span class="sr-only">${slot.day}, </span>${slot.time}<span class="sr-only"> ${slot.zone}</span></label>`);
		}
		expect(slots[0]).toMatchObject({ day: 'Monday 7 December', time: '9:00 AM', zone: 'EST' });
	});

	it('posts the zone from a choice that starts on the zone shown, and keeps the chosen slot', () => {
		const html = picker({ selected: slots[1].start, zone: 'Europe/Paris' });
		const select = tagsOf(html).find((tag) => tag.name === 'select');
		expect(select?.attributes).toMatchObject({ id: 'slot-zone', name: 'timezone', 'data-slots-query': '?slots=1', 'data-zone-chosen': 'no' });
		expect(html).toContain('<option value="Europe/Paris" selected>Europe/Paris</option>');
		const checked = tagsOf(html).filter((tag) => tag.name === 'input' && 'checked' in tag.attributes);
		expect(checked.map((tag) => tag.attributes.value)).toEqual([slots[1].start]);
	});

	it('offers "as soon as possible" only when allowed, and says when nothing is free', () => {
		expect(picker({ asapAllowed: false })).not.toContain('As soon as possible');
		expect(renderSlotDays('preferred_time', [], '')).toBe('<p class="slot-none">No times are free right now.</p>');
	});

	it('shows the error and ties it to the group', () => {
		const html = picker({ error: 'That time was just taken. Please choose another time.' });
		const fieldset = tagsOf(html).find((tag) => tag.name === 'fieldset');
		expect(fieldset?.attributes).toMatchObject({ 'aria-describedby': 'slot-hint slot-error', 'aria-invalid': 'true' });
		expect(html).toContain('<p class="field-error" id="slot-error">That time was just taken. Please choose another time.</p>');
	});

	it('escapes every text it shows', () => {
		const html = renderSlotDays('preferred_time', [{ ...slots[0], day: '<b>x</b>', time: '"q"' }], '');
		expect(html).not.toContain('<b>');
		expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
	});

	it('lets the page fetch other zones from its own origin only, and keeps its script free of //', () => {
		expect(callbackFormContentSecurityPolicy('abc123', undefined, true)).toContain("connect-src 'self'");
		expect(callbackFormContentSecurityPolicy('abc123')).not.toContain('connect-src');
		expect(SLOT_PICKER_SCRIPT.replace(/https?:\/\//g, '')).not.toContain('//');
	});
});
