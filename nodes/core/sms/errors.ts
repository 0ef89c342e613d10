/**
 * The SMS text cannot be sent as it is: an unknown placeholder, a value a placeholder needs is
 * missing, or the text is too long. The message says what to change, so the node can show it
 * to the user as it is.
 */
export class SmsTextError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SmsTextError';
	}
}
