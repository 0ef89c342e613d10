import type { SlotLabel } from '../slots/slotLabels';
import { escapeHtml } from './escapeHtml';

/** The hosted form's choice of a time slot, in place of a free date and time field. */
export interface SlotPickerOptions {
	/** Field the chosen slot's start is posted in (the preferred time). */
	fieldName: string;
	/** Field the chosen zone is posted in (the lead's timezone). */
	zoneFieldName: string;
	/** The free slots, labelled in `zone`. */
	slots: readonly SlotLabel[];
	/** IANA zone the times are shown in. */
	zone: string;
	/** Zones the lead can pick from; `zone` is always among them. */
	zoneChoices: readonly string[];
	/** Slot length, for the hint. */
	slotMinutes: number;
	/** Whether "as soon as possible" is offered before the slots. */
	asapAllowed: boolean;
	/** The start (ISO) the lead chose before, kept when the page comes back with a message. */
	selected: string;
	/** Query that returns the free slots as JSON for another zone (see the trigger's slot list). */
	slotsQuery: string;
	error: string;
	/** The zone was chosen by the lead (or the page's address): the page does not switch to the browser's. */
	zoneChosen: boolean;
}

/** The value of the "as soon as possible" choice: no time, the first free minute. */
export const ASAP_VALUE = '';

function radio(id: string, name: string, value: string, checked: boolean, label: string): string {
	return (
		'<span class="slot">' +
		`<input type="radio" id="${escapeHtml(id)}" name="${escapeHtml(name)}" value="${escapeHtml(value)}"${checked ? ' checked' : ''}>` +
		`<label for="${escapeHtml(id)}">${label}</label>` +
		'</span>'
	);
}

/** One slot's label: the time on screen; the day and the zone for screen readers too. */
function slotLabelMarkup(slot: SlotLabel): string {
	return `<span class="sr-only">${escapeHtml(slot.day)}, </span>${escapeHtml(slot.time)}<span class="sr-only"> ${escapeHtml(slot.zone)}</span>`;
}

/** The slots grouped by the lead's date, each day a labelled group of radio buttons. */
export function renderSlotDays(fieldName: string, slots: readonly SlotLabel[], selected: string): string {
	const days: Array<{ key: string; title: string; slots: SlotLabel[] }> = [];
	for (const slot of slots) {
		const last = days[days.length - 1];
		if (last !== undefined && last.key === slot.dayKey) last.slots.push(slot);
		else days.push({ key: slot.dayKey, title: slot.day, slots: [slot] });
	}
	if (days.length === 0) return '<p class="slot-none">No times are free right now.</p>';
	let index = 0;
	return days
		.map(
			(day) =>
				`<div class="slot-day" role="group" aria-labelledby="slot-day-${escapeHtml(day.key)}">` +
				`<h3 class="slot-day-title" id="slot-day-${escapeHtml(day.key)}">${escapeHtml(day.title)}</h3>` +
				'<div class="slot-options">' +
				day.slots.map((slot) => radio(`slot-${index++}`, fieldName, slot.start, slot.start === selected, slotLabelMarkup(slot))).join('') +
				'</div></div>',
		)
		.join('');
}

export function renderSlotPicker(options: SlotPickerOptions): string {
	const zones = options.zoneChoices.includes(options.zone) ? options.zoneChoices : [options.zone, ...options.zoneChoices];
	const zoneOptions = zones
		.map((zone) => `<option value="${escapeHtml(zone)}"${zone === options.zone ? ' selected' : ''}>${escapeHtml(zone.replace(/_/g, ' '))}</option>`)
		.join('');
	const describedBy = ['slot-hint', options.error ? 'slot-error' : ''].filter(Boolean).join(' ');
	const asap = options.asapAllowed
		? `<div class="slot-asap">${radio('slot-asap', options.fieldName, ASAP_VALUE, options.selected === ASAP_VALUE, 'As soon as possible')}</div>`
		: '';
	return (
		`<fieldset class="field slots${options.error ? ' has-error' : ''}" id="${escapeHtml(options.fieldName)}" aria-describedby="${describedBy}"${options.error ? ' aria-invalid="true"' : ''}>` +
		'<legend>When should we call you?</legend>' +
		`<p class="hint" id="slot-hint">Choose a ${options.slotMinutes}-minute slot; we call at its start.</p>` +
		'<div class="slot-zone">' +
		'<label for="slot-zone">Times shown in</label>' +
		`<select id="slot-zone" name="${escapeHtml(options.zoneFieldName)}" data-slots-query="${escapeHtml(options.slotsQuery)}" data-zone-chosen="${options.zoneChosen ? 'yes' : 'no'}">${zoneOptions}</select>` +
		'</div>' +
		asap +
		`<div class="slot-days" id="slot-days" data-field="${escapeHtml(options.fieldName)}" aria-live="polite">${renderSlotDays(options.fieldName, options.slots, options.selected)}</div>` +
		`<p class="field-error" id="slot-error"${options.error ? '' : ' hidden'}>${escapeHtml(options.error)}</p>` +
		'</fieldset>'
	);
}

export const SLOT_PICKER_CSS = `
.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.slots{border:0;padding:0;margin:0 0 1.25rem;min-width:0}
.slots legend{font-weight:600;margin:0 0 .375rem;padding:0}
.slot-zone{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0 0 .75rem}
.slot-zone label{font-weight:400;font-size:.9375rem;margin:0}
.slot-zone select{min-height:2.5rem;padding:.375rem .5rem;font:inherit;font-size:.9375rem;color:var(--text);background:var(--field);border:1px solid var(--border);border-radius:.5rem;max-width:100%}
.slot-asap{margin:0 0 .75rem}
.slot-day{margin:0 0 .75rem}
.slot-day-title{margin:0 0 .375rem;font-size:.9375rem;font-weight:600;color:var(--muted)}
.slot-options{display:flex;flex-wrap:wrap;gap:.5rem}
.slot{position:relative}
.slot input{position:absolute;opacity:0;width:1px;height:1px}
.slot label{display:inline-flex;align-items:center;min-height:2.75rem;padding:.5rem .875rem;border:1px solid var(--border);border-radius:.5rem;background:var(--field);font-weight:500;cursor:pointer}
.slot input:checked+label{background:var(--accent);border-color:var(--accent);color:var(--on-accent)}
.slot input:focus-visible+label{outline:3px solid var(--accent);outline-offset:2px}
.slot-none{margin:0 0 .75rem;color:var(--muted)}
.slot-days{max-height:22rem;overflow:auto}
`;

/**
 * Shows the slots in the lead's own zone: on load the browser's zone is chosen (when the page was
 * not asked for another), and on every change of zone the free slots are fetched for it from the
 * trigger, which alone decides which are free and callable. Plain ES5, no `//` in it.
 */
export const SLOT_PICKER_SCRIPT = String.raw`(function () {
	var zone = document.getElementById('slot-zone');
	var days = document.getElementById('slot-days');
	if (!zone || !days) return;
	var field = days.getAttribute('data-field');
	function element(tag, className, text) {
		var node = document.createElement(tag);
		if (className) node.className = className;
		if (text) node.textContent = text;
		return node;
	}
	function draw(slots) {
		var chosen = '';
		var current = days.querySelector('input:checked');
		if (current) chosen = current.value;
		while (days.firstChild) days.removeChild(days.firstChild);
		if (!slots.length) { days.appendChild(element('p', 'slot-none', 'No times are free right now.')); return; }
		var group = null;
		var options = null;
		var lastKey = '';
		for (var i = 0; i < slots.length; i++) {
			var slot = slots[i];
			if (slot.dayKey !== lastKey) {
				lastKey = slot.dayKey;
				group = element('div', 'slot-day');
				group.setAttribute('role', 'group');
				group.setAttribute('aria-labelledby', 'slot-day-' + slot.dayKey);
				var title = element('h3', 'slot-day-title', slot.day);
				title.id = 'slot-day-' + slot.dayKey;
				group.appendChild(title);
				options = element('div', 'slot-options');
				group.appendChild(options);
				days.appendChild(group);
			}
			var wrap = element('span', 'slot');
			var input = document.createElement('input');
			input.type = 'radio';
			input.name = field;
			input.id = 'slot-' + i;
			input.value = slot.start;
			if (slot.start === chosen) input.checked = true;
			var label = element('label');
			label.htmlFor = input.id;
			label.appendChild(element('span', 'sr-only', slot.day + ', '));
			label.appendChild(document.createTextNode(slot.time));
			label.appendChild(element('span', 'sr-only', ' ' + slot.zone));
			wrap.appendChild(input);
			wrap.appendChild(label);
			options.appendChild(wrap);
		}
	}
	function load(name) {
		if (!window.fetch) return;
		var query = zone.getAttribute('data-slots-query') + '&timezone=' + encodeURIComponent(name);
		days.setAttribute('aria-busy', 'true');
		window.fetch(location.pathname + query, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
			.then(function (response) { return response.ok ? response.json() : null; })
			.then(function (data) { if (data && data.slots) draw(data.slots); days.removeAttribute('aria-busy'); },
				function () { days.removeAttribute('aria-busy'); });
	}
	zone.addEventListener('change', function () { load(zone.value); });
	if (zone.getAttribute('data-zone-chosen') === 'yes') return;
	try {
		var mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
		if (mine && mine !== zone.value) {
			for (var o = 0; o < zone.options.length; o++) {
				if (zone.options[o].value === mine) { zone.value = mine; load(mine); break; }
			}
		}
	} catch (e) {}
})();`;
