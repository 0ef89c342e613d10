import { DateTime } from 'luxon';

/**
 * The time a lead asks for in words ("tomorrow 3pm", "monday 10:30", "in 2 hours"), read on the
 * lead's own clock. Only what a short text usually says is understood; anything else is refused
 * with the reason, so the answer can ask again rather than guess.
 */
export type RequestedTime = { ok: true; at: DateTime } | { ok: false; problem: 'empty' | 'unreadable' | 'past' };

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** Parts of the day, as the hour they start being a sensible time to call. */
const DAY_PARTS: Record<string, { hour: number; minute: number }> = {
	morning: { hour: 9, minute: 0 },
	noon: { hour: 12, minute: 0 },
	midday: { hour: 12, minute: 0 },
	lunchtime: { hour: 12, minute: 0 },
	afternoon: { hour: 14, minute: 0 },
	evening: { hour: 18, minute: 0 },
	tonight: { hour: 19, minute: 0 },
};

function weekdayIndex(word: string): number {
	// "mon", "tues", "thurs" and so on: at least three letters of the name.
	return word.length >= 3 ? WEEKDAYS.findIndex((day) => day.startsWith(word)) : -1;
}

/** "3pm", "3 pm", "10:30", "10:30am", "15:00", "10.30", "at 9": the time of day, or null. */
function timeOfDay(text: string): { hour: number; minute: number } | null {
	const match = /(?:^|\s)(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?=\s|$)/.exec(text);
	if (match === null) return null;
	let hour = Number(match[1]);
	const minute = match[2] === undefined ? 0 : Number(match[2]);
	const half = match[3]?.replace(/\./g, '');
	if (minute > 59 || hour > 23) return null;
	if (half !== undefined) {
		if (hour < 1 || hour > 12) return null;
		hour = (hour % 12) + (half === 'pm' ? 12 : 0);
	} else if (match[2] === undefined && hour >= 1 && hour <= 7) {
		// "at 3" in a text about a callback means the afternoon, not 3 in the night.
		hour += 12;
	}
	return { hour, minute };
}

/** Reads `words` as a time on the lead's clock (`zone`) after `now`. */
export function readRequestedTime(words: string, now: DateTime, zone: string): RequestedTime {
	const text = words.toLowerCase().replace(/[,!?]/g, ' ').replace(/\s+/g, ' ').trim();
	if (text === '') return { ok: false, problem: 'empty' };
	const local = now.setZone(zone);

	const relative = /^in\s+(\d{1,3}|an?|one|two|three)\s+(minutes?|mins?|hours?|hrs?)$/.exec(text);
	if (relative !== null) {
		const amount = { a: 1, an: 1, one: 1, two: 2, three: 3 }[relative[1]] ?? Number(relative[1]);
		const at = relative[2].startsWith('h') ? local.plus({ hours: amount }) : local.plus({ minutes: amount });
		return { ok: true, at: at.startOf('minute') };
	}

	let day: DateTime | null = null;
	let explicitDay = false;
	for (const word of text.split(' ')) {
		if (word === 'today' || word === 'tonight') {
			day = local.startOf('day');
			explicitDay = true;
		} else if (word === 'tomorrow' || word === 'tmrw' || word === 'tmr') {
			day = local.plus({ days: 1 }).startOf('day');
			explicitDay = true;
		} else if (weekdayIndex(word) !== -1) {
			const wanted = weekdayIndex(word) + 1;
			const ahead = (wanted - local.weekday + 7) % 7 || 7;
			day = local.plus({ days: ahead }).startOf('day');
			explicitDay = true;
		}
	}
	const part = Object.keys(DAY_PARTS).find((name) => text.split(' ').includes(name));
	const time = timeOfDay(text) ?? (part === undefined ? null : DAY_PARTS[part]);
	if (time === null && !explicitDay) return { ok: false, problem: 'unreadable' };

	const base = day ?? local.startOf('day');
	let at = base.set({ hour: time?.hour ?? 9, minute: time?.minute ?? 0, second: 0, millisecond: 0 });
	// A time alone ("3pm") means the next 3pm.
	if (!explicitDay && at <= local) at = at.plus({ days: 1 });
	if (at <= local) return { ok: false, problem: 'past' };
	return { ok: true, at };
}
