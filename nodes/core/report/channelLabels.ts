import type { RequestChannel } from './reportCallback';

/** How the report names each request channel to a person. */
export const CHANNEL_LABELS: Readonly<Record<RequestChannel, string>> = {
	form: 'Web form',
	highlevel: 'HighLevel',
	missedCall: 'Missed call',
	menu: 'Phone menu',
	sms: 'Text message',
	other: 'Other',
};
