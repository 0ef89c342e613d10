const GIVEN = new Set(['true', 'yes', 'y', 'on', '1', 'checked', 'agree', 'agreed', 'iagree', 'accept', 'accepted', 'optin', 'optedin']);
const REFUSED = new Set(['false', 'no', 'n', 'off', '0', 'unchecked', 'disagree', 'declined', '']);

/**
 * Reads a consent checkbox as form tools send it. Returns undefined for a value that is
 * neither a yes nor a no, so that nobody is called on a guess.
 */
export function parseConsent(value: unknown): boolean | undefined {
	if (value === undefined || value === null) return false;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
	if (Array.isArray(value)) return value.length > 0 && value.every((entry) => parseConsent(entry) === true);
	if (typeof value !== 'string') return undefined;
	const word = value.toLowerCase().replace(/[^a-z0-9]/g, '');
	if (GIVEN.has(word)) return true;
	if (REFUSED.has(word)) return false;
	return undefined;
}
