import { randomBytes } from 'node:crypto';

import { escapeHtml } from './escapeHtml';

/** The accent used when a business has not chosen one, or chose something that is not a colour. */
export const DEFAULT_ACCENT_COLOR = '#2563eb';

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * The accent colour goes straight into the page's CSS, so only plain hex colours are accepted:
 * anything else could close the declaration and inject styles.
 */
export function resolveAccentColor(accentColor: string | undefined): string {
	const candidate = (accentColor ?? '').trim();
	return HEX_COLOR.test(candidate) ? candidate.toLowerCase() : DEFAULT_ACCENT_COLOR;
}

function hexChannels(hexColor: string): [number, number, number] {
	const digits = hexColor.slice(1);
	const full = digits.length === 3 ? digits.replace(/./g, (digit) => digit + digit) : digits;
	return [0, 2, 4].map((start) => parseInt(full.slice(start, start + 2), 16)) as [number, number, number];
}

function relativeLuminance(hexColor: string): number {
	const [red, green, blue] = hexChannels(hexColor).map((channel) => {
		const value = channel / 255;
		return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/**
 * Text colour for a button filled with the accent. A business may pick a pale brand colour, and
 * white text on yellow is unreadable, so the one with the better WCAG contrast ratio wins.
 */
export function textColorOnAccent(accentColor: string): '#ffffff' | '#111827' {
	const accent = relativeLuminance(accentColor);
	const contrastWithWhite = 1.05 / (accent + 0.05);
	const contrastWithDark = (accent + 0.05) / (relativeLuminance('#111827') + 0.05);
	return contrastWithWhite >= contrastWithDark ? '#ffffff' : '#111827';
}

const NONCE = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** A fresh nonce for one response's inline `<style>` and `<script>`. */
export function createPageNonce(): string {
	return randomBytes(16).toString('base64');
}

/**
 * The policy the server sends with every hosted page. Nothing may load from anywhere: the pages
 * carry their own CSS and script, both allowed only through the per-response nonce, and the form
 * may only post back to its own origin. `frame-ancestors` is left open on purpose because funnels
 * embed the form in an iframe.
 */
export function pageContentSecurityPolicy(nonce: string): string {
	// The nonce is written into a header, so a stray `;` or quote would rewrite the policy.
	if (!NONCE.test(nonce)) {
		throw new Error('The page nonce must be a base64 or base64url string');
	}
	return [
		"default-src 'none'",
		`style-src 'nonce-${nonce}'`,
		`script-src 'nonce-${nonce}'`,
		"img-src 'none'",
		"form-action 'self'",
		"base-uri 'none'",
	].join('; ');
}

export interface PageLayoutOptions {
	/** The text of the `<title>` element, before the business name. */
	documentTitle: string;
	businessName: string;
	nonce: string;
	accentColor?: string;
	/** Markup for the inside of the card; the caller has escaped everything in it. */
	body: string;
	/** Extra CSS for this page only. */
	css?: string;
	/** Inline script for this page, if any; it runs after the body is parsed. */
	script?: string;
	/**
	 * `<script src>` elements the caller built and escaped, such as the human check widget's,
	 * carrying the page nonce. What they load in turn needs the policy opened for it (withWidgetSources).
	 */
	scriptTags?: string;
}

const BASE_CSS = `
*,*::before,*::after{box-sizing:border-box}
:root{
	color-scheme:light dark;
	--page:#f3f4f6;--card:#ffffff;--text:#111827;--muted:#4b5563;--border:#9ca3af;--field:#ffffff;
	--danger:#b91c1c;--danger-soft:#fef2f2;--success:#15803d;--success-soft:#f0fdf4;
	--ring:color-mix(in srgb,var(--accent) 35%,transparent);
}
@media (prefers-color-scheme:dark){
	:root{
		--page:#0b1120;--card:#111827;--text:#f3f4f6;--muted:#9ca3af;--border:#4b5563;--field:#1f2937;
		--danger:#fca5a5;--danger-soft:#3b1212;--success:#86efac;--success-soft:#0f2a1a;
	}
}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{
	margin:0;min-height:100vh;background:var(--page);color:var(--text);
	font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
	font-size:1rem;line-height:1.5;
}
.page{display:flex;justify-content:center;align-items:flex-start;padding:2.5rem 1rem}
.card{
	width:100%;max-width:34rem;border-radius:1rem;
	background:linear-gradient(var(--accent),var(--accent)) top/100% 4px no-repeat,var(--card);
	box-shadow:0 1px 3px rgba(0,0,0,.08),0 8px 24px rgba(0,0,0,.06);padding:2.25rem 2rem 2rem;
}
.brand{display:flex;align-items:center;gap:.75rem;margin:0 0 1.25rem}
.brand-mark{
	flex:none;display:inline-flex;align-items:center;justify-content:center;width:2.5rem;height:2.5rem;
	border-radius:.625rem;background:var(--accent);color:var(--on-accent);font-weight:700;font-size:1.125rem;
}
.brand-name{font-weight:600;color:var(--text);overflow-wrap:anywhere}
h1{font-size:1.75rem;line-height:1.2;margin:0 0 .5rem;letter-spacing:-.01em;overflow-wrap:anywhere}
.lead{margin:0 0 1.5rem;color:var(--muted);overflow-wrap:anywhere}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
@media (max-width:30rem){
	.page{padding:0}
	.card{border-radius:0;box-shadow:none;min-height:100vh;padding:1.5rem 1.25rem 2rem}
	h1{font-size:1.5rem}
}
@media (prefers-reduced-motion:no-preference){
	input,textarea,button{transition:border-color .15s,box-shadow .15s,background-color .15s}
}
`;

function brandMark(businessName: string): string {
	const name = businessName.trim();
	if (name === '') return '';
	// First character as a simple monogram; Array.from keeps an emoji or accented letter whole.
	const initial = Array.from(name)[0].toUpperCase();
	return (
		'<div class="brand">' +
		`<span class="brand-mark" aria-hidden="true">${escapeHtml(initial)}</span>` +
		`<span class="brand-name">${escapeHtml(name)}</span>` +
		'</div>'
	);
}

/** The shell every hosted page shares: document head, colours, the card and the business header. */
export function renderPageLayout(options: PageLayoutOptions): string {
	const accent = resolveAccentColor(options.accentColor);
	const nonce = escapeHtml(options.nonce);
	const businessName = options.businessName.trim();
	const documentTitle = businessName
		? `${options.documentTitle} · ${businessName}`
		: options.documentTitle;
	const colours = `:root{--accent:${accent};--on-accent:${textColorOnAccent(accent)}}`;
	const script = options.script ? `<script nonce="${nonce}">${options.script}</script>` : '';

	return (
		'<!doctype html>\n' +
		'<html lang="en">\n' +
		'<head>\n' +
		'<meta charset="utf-8">\n' +
		'<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
		'<meta name="robots" content="noindex, nofollow">\n' +
		'<meta name="color-scheme" content="light dark">\n' +
		`<title>${escapeHtml(documentTitle)}</title>\n` +
		`<style nonce="${nonce}">${colours}${BASE_CSS}${options.css ?? ''}</style>\n` +
		'</head>\n' +
		'<body>\n' +
		'<main class="page">\n' +
		'<div class="card">\n' +
		brandMark(businessName) +
		options.body +
		'\n</div>\n' +
		'</main>\n' +
		(options.scriptTags ? `${options.scriptTags}\n` : '') +
		script +
		'\n</body>\n' +
		'</html>\n'
	);
}
