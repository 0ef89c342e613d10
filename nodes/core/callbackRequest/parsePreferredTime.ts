import { DateTime, IANAZone } from 'luxon';

export type PreferredTime = { ok: true; time: DateTime } | { ok: false; message: string };

const LOCAL_FORMATS = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd HH:mm:ss'];

export function isKnownTimezone(zone: string): boolean {
	return IANAZone.isValidZone(zone);
}

/**
 * A time the lead picked. With an offset ("2026-11-23T10:30:00-05:00") it is exact; without one
 * (what a datetime-local input sends) it is read in the lead's timezone, so "10:30" means the
 * lead's 10:30 and never the server's.
 */
export function parsePreferredTime(
	value: unknown,
	options: { zone: string | null; now: DateTime; maxDaysAhead: number },
): PreferredTime {
	let time: DateTime | undefined;
	if (typeof value === 'number' && Number.isFinite(value)) {
		time = DateTime.fromMillis(value > 1e12 ? value : value * 1000, { zone: options.zone ?? 'UTC' });
	} else if (typeof value === 'string') {
		const text = value.trim();
		const hasOffset = /([+-]\d{2}:?\d{2}|Z)$/i.test(text) && /T|\s\d/.test(text);
		if (hasOffset) {
			time = DateTime.fromISO(text, { setZone: true });
			if (time.isValid && options.zone) time = time.setZone(options.zone);
		} else {
			if (!options.zone) {
				return {
					ok: false,
					message: 'Add a timezone (or a UTC offset) to the preferred time, for example 2026-11-23T10:30:00-05:00.',
				};
			}
			for (const format of LOCAL_FORMATS) {
				const candidate = DateTime.fromFormat(text, format, { zone: options.zone });
				if (candidate.isValid) {
					time = candidate;
					break;
				}
			}
		}
	}
	if (!time || !time.isValid) {
		return { ok: false, message: 'Enter the preferred time as a date and time, for example 2026-11-23 10:30.' };
	}
	if (time < options.now.minus({ minutes: 1 })) {
		return { ok: false, message: 'The preferred time is in the past. Pick a later time.' };
	}
	if (time > options.now.plus({ days: options.maxDaysAhead })) {
		return { ok: false, message: `Pick a time within the next ${options.maxDaysAhead} days.` };
	}
	return { ok: true, time };
}
