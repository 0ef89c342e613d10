import { renderNoticePage } from './noticePage';

export interface MessagePageOptions {
	businessName: string;
	title: string;
	/** Plain text; line breaks are kept. */
	message: string;
	nonce: string;
	accentColor?: string;
	/** A short label above the title, e.g. "Error 404" or "Unavailable". */
	statusText?: string;
	/** 'error' when something went wrong; 'info' (the default) for a plain notice. */
	tone?: 'info' | 'error';
}

/** A plain notice in the form's look, e.g. "This form is not available right now". */
export function renderMessagePage(options: MessagePageOptions): string {
	const { tone = 'info', ...rest } = options;
	return renderNoticePage({ ...rest, tone });
}
