import { DateTime } from 'luxon';

/** Zones whose offsets are not whole hours, to come closer to a wanted minute. */
const PART_HOUR_ZONES = ['America/St_Johns', 'Asia/Tehran', 'Asia/Kabul', 'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Yangon', 'Australia/Eucla', 'Australia/Darwin', 'Pacific/Marquesas', 'Pacific/Chatham'];

/** Whole-hour zones from UTC-12 to UTC+14 (Etc/GMT+5 is five hours behind UTC). */
const WHOLE_HOUR_ZONES = Array.from({ length: 27 }, (_, index) => index - 12).map((offset) => (offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`));

/**
 * A real zone where the lead's clock now reads `hour`:`minute` or just after (never before),
 * the closest one there is, so a test can place a lead at 05:00 or just past 21:00 whenever it runs.
 */
export function leadZoneAt(hour: number, minute = 0, now = DateTime.now()): { zone: string; local: string } {
	const wanted = hour * 60 + minute;
	let best: { zone: string; late: number } | null = null;
	for (const zone of [...WHOLE_HOUR_ZONES, ...PART_HOUR_ZONES]) {
		const local = now.setZone(zone);
		const late = (local.hour * 60 + local.minute - wanted + 24 * 60) % (24 * 60);
		if (best === null || late < best.late) best = { zone, late };
	}
	if (best === null) throw new Error('no zones to choose from');
	return { zone: best.zone, local: now.setZone(best.zone).toFormat('HH:mm:ss') };
}
