import type { IDataObject } from 'n8n-workflow';

/** The free slots one lead may book, as the Callback Request Trigger lists them (GET …?slots=1). */
export interface FreeSlotList {
	timezone: string;
	slotMinutes: number;
	asapAllowed: boolean;
	slots: IDataObject[];
	/** Set when the lead is a no-show the Tag Router paused: no slot is offered until then. */
	noShowPausedUntil: string | null;
}

export class FreeSlotListError extends Error {}

const NOT_A_SLOT_LIST =
	'That URL did not answer with free slots. Use the production URL of a Callback Request Trigger whose Time Slots are on, in a published workflow.';

/** Reads the trigger's answer, or says what went wrong in words the user can act on. */
export function readFreeSlotList(status: number, body: unknown): FreeSlotList {
	const answer = typeof body === 'object' && body !== null ? (body as IDataObject) : null;
	if (answer === null || typeof answer.ok !== 'boolean') throw new FreeSlotListError(`${NOT_A_SLOT_LIST} (HTTP ${status})`);
	if (answer.ok !== true || status !== 200) {
		const message = typeof answer.message === 'string' ? answer.message : `HTTP ${status}`;
		throw new FreeSlotListError(`The booking form refused the slot list: ${message}`);
	}
	if (!Array.isArray(answer.slots) || typeof answer.timezone !== 'string') throw new FreeSlotListError(NOT_A_SLOT_LIST);
	return {
		timezone: answer.timezone,
		slotMinutes: Number(answer.slotMinutes) || 0,
		asapAllowed: answer.asapAllowed === true,
		slots: answer.slots as IDataObject[],
		noShowPausedUntil: typeof answer.noShowPausedUntil === 'string' ? answer.noShowPausedUntil : null,
	};
}
