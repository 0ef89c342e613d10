import type { IDataObject } from 'n8n-workflow';

import { UNKNOWN_CONTACT, type OptOutSource, type OptOutStore, type SmsContactStatus } from './optOutStore';

const STATIC_DATA_KEY = 'callbackSmsOptOuts';

interface Entry {
	optedOut: boolean;
	source: string;
	updatedAt: string;
}

/**
 * The opt-out list kept in the workflow's own storage (n8n's workflow static data), for an n8n
 * whose Data Tables community nodes cannot use. n8n saves it when a production execution ends.
 * It belongs to this one workflow, and two executions ending together may each save their own
 * copy; Twilio's own list (error 21610) still stops every text to a number that replied STOP.
 */
export class WorkflowOptOutList implements OptOutStore {
	readonly kind = 'workflow' as const;
	readonly label = "this workflow's storage";

	constructor(private readonly staticData: IDataObject) {}

	async lookUp(phone: string): Promise<SmsContactStatus> {
		const entry = this.entries()[phone];
		if (entry === undefined) return UNKNOWN_CONTACT;
		return { known: true, optedOut: entry.optedOut, source: entry.source, updatedAt: entry.updatedAt };
	}

	async markOptedOut(phone: string, source: OptOutSource): Promise<void> {
		this.write(phone, true, source);
	}

	async markOptedIn(phone: string, source: OptOutSource): Promise<void> {
		this.write(phone, false, source);
	}

	async recordTexted(phone: string): Promise<void> {
		if (this.entries()[phone] === undefined) this.write(phone, false, 'sms-sent');
	}

	private entries(): Record<string, Entry> {
		const stored = this.staticData[STATIC_DATA_KEY];
		return typeof stored === 'object' && stored !== null ? (stored as unknown as Record<string, Entry>) : {};
	}

	private write(phone: string, optedOut: boolean, source: OptOutSource): void {
		// A new object each time: n8n notices changed static data by assignment.
		this.staticData[STATIC_DATA_KEY] = { ...this.entries(), [phone]: { optedOut, source, updatedAt: new Date().toISOString() } } as unknown as IDataObject;
	}
}

/** No list of our own: only what the item says and Twilio's 21610 stop texts. */
export class NoOptOutList implements OptOutStore {
	readonly kind = 'none' as const;
	readonly label = 'none';

	async lookUp(): Promise<SmsContactStatus> {
		return UNKNOWN_CONTACT;
	}

	async markOptedOut(): Promise<void> {}

	async markOptedIn(): Promise<void> {}

	async recordTexted(): Promise<void> {}
}
