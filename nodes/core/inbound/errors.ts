/**
 * A setting of an inbound-call node cannot be used: a block-list entry that is no phone number,
 * a ring time out of range, an agent count of zero. The message names the setting and says what
 * to change, so the node can show it to the user as it is.
 */
export class InboundSettingError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InboundSettingError';
	}
}
