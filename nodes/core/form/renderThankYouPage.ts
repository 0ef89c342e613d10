import { expectedCallText, type ExpectedCall } from './expectedCallText';
import { renderNoticePage } from './noticePage';

export type { ExpectedCall } from './expectedCallText';

export interface ThankYouPageOptions {
	businessName: string;
	title: string;
	/** When we will call; without it the page promises no time (see `expectedCallText`). */
	expectedCall?: ExpectedCall | null;
	/** The business's own words under that line, e.g. the number we call from. Plain text; line breaks are kept. */
	message?: string;
	nonce: string;
	accentColor?: string;
}

/** Shown after a callback request was accepted: when we will call, then the business's own note. */
export function renderThankYouPage(options: ThankYouPageOptions): string {
	const { expectedCall, message, ...page } = options;
	return renderNoticePage({ ...page, message: expectedCallText(expectedCall), note: message, tone: 'success' });
}
