/** Values of a Twilio request's form or query: a list is sent as the key repeated. */
export type TwilioParams = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/**
 * `application/x-www-form-urlencoded` as Twilio reads it: `Key=a&Key=b` for a list (never
 * `Key[]=` or `Key[0]=`), booleans as `true`/`false`, and unset values (undefined, null)
 * left out rather than sent empty.
 */
export function formEncode(params: TwilioParams | undefined): string {
	const form = new URLSearchParams();
	for (const [name, value] of Object.entries(params ?? {})) {
		if (value === undefined || value === null) continue;
		const values = Array.isArray(value) ? (value as readonly string[]) : [String(value)];
		for (const item of values) form.append(name, item);
	}
	return form.toString();
}
