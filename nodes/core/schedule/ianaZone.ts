import { IANAZone } from 'luxon';

const canonicalNames = new Map<string, string | null>();

/**
 * The zone's canonical spelling ("america/new_york" → "America/New_York"), or null when it is
 * not an IANA zone this runtime knows. Form data and settings are typed by people, so case
 * slips are forgiven; anything else is rejected rather than guessed. Remembered, because
 * asking the runtime is slow and a run sees the same few zones.
 */
/**
 * The runtime's spelling of a zone when only the case differs. The runtime's own "canonical"
 * name is not used as such: ICU still calls Asia/Kolkata "Asia/Calcutta" and Europe/Kyiv
 * "Europe/Kiev", and a person who typed the current name should get it back.
 */
function properCase(name: string): string {
	const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
	if (resolved.toLowerCase() === name.toLowerCase()) return resolved;
	const known = Intl.supportedValuesOf('timeZone').find((zone) => zone.toLowerCase() === name.toLowerCase());
	return known ?? name;
}

export function canonicalZoneName(name: string | null | undefined): string | null {
	if (typeof name !== 'string' || name.trim() === '') return null;
	const trimmed = name.trim();
	let canonical = canonicalNames.get(trimmed);
	if (canonical === undefined) {
		canonical = IANAZone.isValidZone(trimmed) ? properCase(trimmed) : null;
		if (canonicalNames.size > 1000) canonicalNames.clear();
		canonicalNames.set(trimmed, canonical);
	}
	return canonical;
}
