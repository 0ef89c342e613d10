const HONORIFICS = /^(mr|mrs|ms|miss|mx|dr|prof)\.?$/i;

/**
 * "Jane Doe" → Jane / Doe, "Doe, Jane" → Jane / Doe, "Dr. Mary Ann Smith" → Mary / Ann Smith.
 * The first given word is the first name; everything after it is the last name, which keeps
 * particles such as "van der" with the family name.
 */
export function splitFullName(fullName: string): { firstName: string; lastName: string } {
	const cleaned = fullName.replace(/\s+/g, ' ').trim();
	const comma = cleaned.indexOf(',');
	if (comma > 0) {
		const last = cleaned.slice(0, comma).trim();
		const first = cleaned.slice(comma + 1).trim();
		if (last && first) return { firstName: first.split(' ')[0], lastName: last };
	}
	const words = cleaned.split(' ').filter(Boolean);
	while (words.length > 1 && HONORIFICS.test(words[0])) words.shift();
	return { firstName: words[0] ?? '', lastName: words.slice(1).join(' ') };
}
