/**
 * The runtime's date formatters, one per zone and kind, made once and reused: building an
 * Intl.DateTimeFormat costs more than a whole attempt search. A formatter holds no state of its
 * own, so sharing one is safe.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function zoneFormatter(kind: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${kind} ${zone}`;
	let format = formatters.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone });
		formatters.set(key, format);
	}
	return format;
}

/** The parts of an instant as a formatter writes them, by type. */
export function partsOf(format: Intl.DateTimeFormat, instant: number): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
	const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
	for (const { type, value } of format.formatToParts(instant)) part[type] = value;
	return part;
}
