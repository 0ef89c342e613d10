import { DateTime } from 'luxon';

import { canonicalZoneName } from '../schedule/ianaZone';
import { InboundSettingError } from './errors';

const MINUTE_MS = 60_000;
/** The expected time is said to the next 5 minutes: "around 3:45 PM", not "around 3:43 PM". */
const ROUNDING_MS = 5 * MINUTE_MS;

/**
 * `{{ecbt}}` for a caller in the phone menu: when we expect to call back, now plus the estimated
 * wait, rounded up to the next 5 minutes and said on the business's clock: "around 3:45 PM",
 * "tomorrow around 9:05 AM", "on Tuesday, November 24 around 9:05 AM". It reads after "We will
 * call you back".
 */
export function expectedCallbackTimeSpoken(now: number, estimateMinutes: number, businessZone: string): string {
	const zone = canonicalZoneName(businessZone);
	if (zone === null) throw new InboundSettingError(`Business Timezone "${businessZone}" is not an IANA timezone, e.g. America/New_York`);
	if (!Number.isFinite(estimateMinutes) || estimateMinutes < 0) throw new RangeError(`An estimated wait is 0 minutes or more, got ${estimateMinutes}`);
	const instant = Math.ceil((now + estimateMinutes * MINUTE_MS) / ROUNDING_MS) * ROUNDING_MS;
	const at = DateTime.fromMillis(instant, { zone, locale: 'en-US' });
	const days = Math.round(at.startOf('day').diff(DateTime.fromMillis(now, { zone }).startOf('day'), 'days').days);
	const time = `around ${at.toFormat('h:mm a')}`;
	if (days === 0) return time;
	if (days === 1) return `tomorrow ${time}`;
	return `on ${at.toFormat('cccc, LLLL d')} ${time}`;
}
