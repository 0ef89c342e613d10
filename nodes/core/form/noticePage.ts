import { escapeHtml, escapeMultilineText } from './escapeHtml';
import { renderPageLayout } from './pageLayout';

export type NoticeTone = 'success' | 'info' | 'error';

export interface NoticePageOptions {
	businessName: string;
	title: string;
	/** Plain text; line breaks are kept. */
	message: string;
	/** A second, quieter paragraph under the message. Plain text; line breaks are kept. */
	note?: string;
	nonce: string;
	accentColor?: string;
	tone: NoticeTone;
	/** A short label above the title, e.g. "Error 404". */
	statusText?: string;
}

// Drawn inline so the page loads nothing: the Content-Security-Policy forbids images anyway.
const ICON_PATHS: Record<NoticeTone, string> = {
	success: '<path d="M6 12.5l4 4 8-9"/>',
	info: '<path d="M12 11v6"/><path d="M12 7.01V7"/>',
	error: '<path d="M12 7v6"/><path d="M12 17.01V17"/>',
};

const NOTICE_CSS = `
.notice{text-align:center;padding:1rem 0 .5rem}
.notice-icon{display:inline-flex;align-items:center;justify-content:center;width:4rem;height:4rem;margin:0 0 1.25rem;border-radius:50%}
.notice-icon svg{width:2rem;height:2rem;fill:none;stroke:currentColor;stroke-width:2.5;stroke-linecap:round;stroke-linejoin:round}
.notice-success .notice-icon{background:var(--success-soft);color:var(--success)}
.notice-info .notice-icon{background:color-mix(in srgb,var(--accent) 14%,transparent);color:var(--accent)}
.notice-error .notice-icon{background:var(--danger-soft);color:var(--danger)}
.notice-status{margin:0 0 .25rem;font-size:.8125rem;font-weight:600;letter-spacing:.06em;text-transform:uppercase;color:var(--muted)}
.notice .lead{margin:0 auto;max-width:26rem}
.notice-note{margin:1rem auto 0;max-width:26rem;font-size:.9375rem;color:var(--muted);overflow-wrap:anywhere}
`;

/** A page that only tells the person something: a thank-you, or why the form cannot be used. */
export function renderNoticePage(options: NoticePageOptions): string {
	const status = (options.statusText ?? '').trim();
	const message = options.message.trim();
	const note = (options.note ?? '').trim();
	const body =
		`<div class="notice notice-${options.tone}">` +
		`<div class="notice-icon" aria-hidden="true"><svg viewBox="0 0 24 24" focusable="false">${ICON_PATHS[options.tone]}</svg></div>` +
		(status ? `<p class="notice-status">${escapeHtml(status)}</p>` : '') +
		`<h1>${escapeHtml(options.title)}</h1>` +
		(message ? `<p class="lead">${escapeMultilineText(message)}</p>` : '') +
		(note ? `<p class="notice-note">${escapeMultilineText(note)}</p>` : '') +
		'</div>';
	return renderPageLayout({
		documentTitle: options.title,
		businessName: options.businessName,
		nonce: options.nonce,
		accentColor: options.accentColor,
		body,
		css: NOTICE_CSS,
	});
}
