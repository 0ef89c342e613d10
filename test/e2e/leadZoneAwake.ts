import { DateTime } from 'luxon';

/**
 * A zone where the next few hours fall well inside the lead's 08:00-21:00 calling and texting
 * window, so tests that call or text "now" do not depend on when they run.
 */
export function leadZoneAwake(): string {
	const zones = ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Honolulu'];
	const zone = zones.find((candidate) => {
		const hour = DateTime.now().setZone(candidate).hour;
		return hour >= 9 && hour <= 19;
	});
	if (!zone) throw new Error('no test zone is in daytime now');
	return zone;
}
