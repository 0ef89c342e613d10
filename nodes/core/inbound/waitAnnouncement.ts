import { InboundSettingError } from './errors';

/** "1 minute", "5 minutes". */
export function minutesText(minutes: number): string {
	return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * The wait as it is said: rounded up, never down, so the caller is not promised less than the
 * estimate; to the whole minute up to 10 minutes, then to the next 5 minutes, as "about 13
 * minutes" sounds more exact than any estimate is.
 */
export function roundedWaitMinutes(estimateMinutes: number): number {
	const whole = Math.ceil(estimateMinutes);
	return whole <= 10 ? whole : Math.ceil(whole / 5) * 5;
}

/**
 * "Your expected wait is about 15 minutes." A wait above `maxMinutes` (whole minutes, at least 1)
 * is only said to be longer: "Your expected wait is more than 30 minutes."; up to it, the rounded
 * figure is kept at most `maxMinutes`, so the two sentences never contradict each other. No wait
 * at all is "less than a minute".
 */
export function waitAnnouncementText(estimateMinutes: number, maxMinutes: number): string {
	if (!Number.isInteger(maxMinutes) || maxMinutes < 1) throw new InboundSettingError(`Longest Wait Announced must be a whole number of minutes of at least 1, got ${maxMinutes}`);
	if (!Number.isFinite(estimateMinutes) || estimateMinutes < 0) throw new RangeError(`An estimated wait is 0 minutes or more, got ${estimateMinutes}`);
	if (estimateMinutes > maxMinutes) return `Your expected wait is more than ${minutesText(maxMinutes)}.`;
	if (estimateMinutes === 0) return 'Your expected wait is less than a minute.';
	return `Your expected wait is about ${minutesText(Math.min(roundedWaitMinutes(estimateMinutes), maxMinutes))}.`;
}
