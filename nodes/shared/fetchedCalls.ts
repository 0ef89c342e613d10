import type { IDataObject } from 'n8n-workflow';

import type { FetchedCall } from '../core/calls';

/** A Call resource from Twilio's REST API, reduced to what an outcome is decided from. */
export function fetchedCall(resource: IDataObject): FetchedCall {
	const duration = resource.duration;
	const seconds = typeof duration === 'number' ? duration : typeof duration === 'string' && /^\d+$/.test(duration) ? Number(duration) : null;
	return {
		sid: String(resource.sid ?? ''),
		status: String(resource.status ?? ''),
		seconds,
		answeredBy: typeof resource.answered_by === 'string' && resource.answered_by !== '' ? resource.answered_by : null,
	};
}

/** How far Twilio's clock may be behind ours when telling calls of this attempt from older ones. */
const CLOCK_TOLERANCE_MS = 60_000;

/** Whether a listed call was placed through the REST API since `since` (ISO). */
export function placedSince(resource: IDataObject, since: string): boolean {
	const created = Date.parse(String(resource.date_created ?? ''));
	return resource.direction === 'outbound-api' && Number.isFinite(created) && created >= Date.parse(since) - CLOCK_TOLERANCE_MS;
}
