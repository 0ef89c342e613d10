import { renderNoticePage } from './noticePage';

export interface ThankYouPageOptions {
	businessName: string;
	title: string;
	/** Plain text; line breaks are kept. */
	message: string;
	nonce: string;
	accentColor?: string;
}

/** Shown after a callback request was accepted. */
export function renderThankYouPage(options: ThankYouPageOptions): string {
	return renderNoticePage({ ...options, tone: 'success' });
}
