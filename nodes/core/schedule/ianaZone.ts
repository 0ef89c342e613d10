import { IANAZone } from 'luxon';

const canonicalNames = new Map<string, string | null>();

/**
 * The zone's canonical spelling ("america/new_york" → "America/New_York"), or null when it is
 * not an IANA zone this runtime knows. Form data and settings are typed by people, so case
 * slips are forgiven; anything else is rejected rather than guessed. Remembered, because
 * asking the runtime is slow and a run sees the same few zones.
 */
export function canonicalZoneName(name: string | null | undefined): string | null {
	if (typeof name !== 'string' || name.trim() === '') return null;
	const trimmed = name.trim();
	let canonical = canonicalNames.get(trimmed);
	if (canonical === undefined) {
		canonical = IANAZone.isValidZone(trimmed)
			? new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone
			: null;
		if (canonicalNames.size > 1000) canonicalNames.clear();
		canonicalNames.set(trimmed, canonical);
	}
	return canonical;
}
