import { DateTime } from 'luxon';

/** Mobile numbers whose own clock (area code, or the country's one zone) is known, with that zone. */
const CANDIDATES: Array<{ prefix: string; zone: string; country: string }> = [
	{ prefix: '+1415555', zone: 'America/Los_Angeles', country: 'US' },
	{ prefix: '+1212555', zone: 'America/New_York', country: 'US' },
	{ prefix: '+1808555', zone: 'Pacific/Honolulu', country: 'US' },
	{ prefix: '+44740091', zone: 'Europe/London', country: 'GB' },
	{ prefix: '+491512345', zone: 'Europe/Berlin', country: 'DE' },
	{ prefix: '+91981231', zone: 'Asia/Kolkata', country: 'IN' },
	{ prefix: '+81901234', zone: 'Asia/Tokyo', country: 'JP' },
	{ prefix: '+6421123', zone: 'Pacific/Auckland', country: 'NZ' },
];

export interface AwakeLeadLine {
	/** The lead's number for line `n` (four digits). */
	phone: (n: number) => string;
	zone: string;
	country: string;
}

/**
 * Numbers of leads whose own clock, as told from the number alone (a lead who texts gives no
 * timezone), shows between 09:00 and 18:59 now, so that texts and calls an hour or two ahead
 * stay inside the 08:00-21:00 window whenever the test runs.
 */
export function leadLineAwake(): AwakeLeadLine {
	const found = CANDIDATES.find((candidate) => {
		const hour = DateTime.now().setZone(candidate.zone).hour;
		return hour >= 9 && hour <= 18;
	});
	if (found === undefined) throw new Error('no test lead line is in daytime now');
	// Each prefix plus four digits makes a valid mobile number of its country.
	return { phone: (n) => `${found.prefix}${String(n).padStart(4, '0')}`, zone: found.zone, country: found.country };
}
