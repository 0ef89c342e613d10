/**
 * What a status change can tell the report beside the status: where the request came from, when
 * its first call was planned, what the call did, who cancelled. Read from the item that reaches
 * the status change (the trigger's request, Schedule Attempt's plan, Bridge Call's or Voicemail
 * Drop's result, the lead's text), so the workflow needs no extra fields for it.
 */

/** One bridge call placed for the callback, as Bridge Call reported it. */
export interface NoteCall {
	/** ISO 8601: when the call was placed. */
	placedAt: string;
	/** ISO 8601: when business and lead were joined; null when they were not. */
	connectedAt: string | null;
	talkSeconds: number | null;
}

/** A voicemail drop, as Voicemail Drop reported it. */
export interface NoteVoicemail {
	/** ISO 8601: when the call was placed. */
	placedAt: string;
	/** A message was left on the lead's voicemail. */
	left: boolean;
}

export interface NoteFacts {
	/** The request's source: hosted-form, highlevel, missed-call, phone-menu, sms, or what a form posted. */
	source?: string;
	/** ISO 8601: the time Schedule Attempt chose for the attempt this change follows. */
	plannedFor?: string;
	call?: NoteCall;
	voicemail?: NoteVoicemail;
	/** A cancellation the lead asked for (a text, the page), or one the workflow made. */
	cancelledBy?: 'lead' | 'auto';
	/** A repeated request for this open callback, which started nothing new. */
	duplicate?: boolean;
}

type Json = Record<string, unknown>;

function objectAt(json: Json, key: string): Json | null {
	const value = json[key];
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function isoAt(json: Json | null, key: string): string | null {
	const value = json?.[key];
	return typeof value === 'string' && Number.isFinite(Date.parse(value)) ? new Date(value).toISOString() : null;
}

function secondsAt(json: Json | null, key: string): number | null {
	const value = Number(json?.[key]);
	return json?.[key] !== null && json?.[key] !== undefined && Number.isFinite(value) && value >= 0 ? value : null;
}

/** The bridge call's facts: joined at its end less the talk time, when it connected. */
function bridgeCall(result: Json): NoteCall | null {
	const placedAt = isoAt(result, 'placedAt');
	if (placedAt === null || result.phase !== 'reported') return null;
	const talkSeconds = secondsAt(result, 'talkSeconds');
	const endedAt = isoAt(result, 'endedAt');
	const connected = result.connected === true;
	const connectedAt = connected && endedAt !== null ? new Date(Date.parse(endedAt) - (talkSeconds ?? 0) * 1000).toISOString() : null;
	return { placedAt, connectedAt, talkSeconds: connected ? talkSeconds : null };
}

function voicemailDrop(result: Json): NoteVoicemail | null {
	const placedAt = isoAt(result, 'placedAt');
	if (placedAt === null || result.phase !== 'reported') return null;
	return { placedAt, left: result.outcome === 'voicemail-left' };
}

/**
 * The facts an item carries for a change to `status`. A call's result counts only for the
 * outcome it reports (Complete, Incomplete, Failed), the plan only with it, the source only when
 * the callback is asked for (Pending, before any call), and who cancelled only for Cancelled.
 */
export function noteFactsFromItem(json: Json, status: string): NoteFacts {
	const facts: NoteFacts = {};
	if (['complete', 'incomplete', 'failed'].includes(status)) {
		const bridge = objectAt(json, 'bridgeCall');
		const voicemail = objectAt(json, 'voicemailDrop');
		const call = bridge && bridgeCall(bridge);
		const drop = voicemail && voicemailDrop(voicemail);
		if (call) facts.call = call;
		// A voicemail follows the last missed bridge call; both reach the change that ends the callback.
		if (drop) facts.voicemail = drop;
		const plannedFor = isoAt(objectAt(json, 'callback'), 'attemptAt');
		if ((call || drop) && plannedFor !== null) facts.plannedFor = plannedFor;
	}
	if (status === 'pending' && objectAt(json, 'bridgeCall') === null && typeof json.source === 'string' && json.source.trim() !== '') facts.source = json.source.trim().slice(0, 60);
	// The lead cancels by text (the SMS reply trigger's item carries the reply); anything else is the workflow's own rule.
	if (status === 'cancelled') facts.cancelledBy = objectAt(json, 'reply') !== null ? 'lead' : 'auto';
	return facts;
}
