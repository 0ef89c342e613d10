import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

/** Twilio's error object, as every failed REST request answers it. */
export interface TwilioErrorDetails {
	/** HTTP status. */
	status: number;
	/** Twilio's error code (21211, 21610, 20003 …), when it sent one. */
	code: number | null;
	message: string;
	/** Twilio's page about the code, e.g. https://www.twilio.com/docs/errors/21610. */
	moreInfo: string | null;
}

/**
 * A request Twilio refused, as a node error that keeps Twilio's code, message and link: the
 * user sees "Twilio error 21211: Invalid 'To' Phone Number", and the node can act on the code.
 */
export class TwilioApiError extends NodeApiError {
	readonly twilio: TwilioErrorDetails;

	constructor(node: INode, twilio: TwilioErrorDetails, options: { itemIndex?: number; attempts?: number } = {}) {
		const label = twilio.code === null ? `Twilio answered ${twilio.status}` : `Twilio error ${twilio.code}`;
		const attempts = options.attempts !== undefined && options.attempts > 1 ? ` (after ${options.attempts} attempts)` : '';
		super(node, { ...twilio } as unknown as JsonObject, {
			message: `${label}: ${twilio.message}${attempts}`,
			description: twilio.moreInfo === null ? undefined : `More about this error: ${twilio.moreInfo}`,
			httpCode: String(twilio.status),
			itemIndex: options.itemIndex,
		});
		this.twilio = twilio;
		this.context.twilioCode = twilio.code;
		this.context.twilioMessage = twilio.message;
		this.context.twilioMoreInfo = twilio.moreInfo;
	}
}

/** Twilio's error code carried by an error, if it is a Twilio refusal. */
export function twilioErrorCode(error: unknown): number | null {
	return error instanceof TwilioApiError ? error.twilio.code : null;
}

/** Reads Twilio's error body; anything else (a proxy's HTML page) still gives a usable message. */
export function twilioErrorDetails(status: number, body: unknown): TwilioErrorDetails {
	const object = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
	const code = typeof object.code === 'number' ? object.code : typeof object.code === 'string' && /^\d+$/.test(object.code) ? Number(object.code) : null;
	const message =
		typeof object.message === 'string' && object.message !== ''
			? object.message
			: typeof body === 'string' && body.trim() !== ''
				? body.trim().slice(0, 200)
				: `HTTP ${status}`;
	const moreInfo = typeof object.more_info === 'string' ? object.more_info : null;
	return { status, code, message, moreInfo };
}
