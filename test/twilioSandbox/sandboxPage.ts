import type { CallRecord, TranscriptEntry } from './calls';
import { LAST_DIGIT_PHONES } from './lastDigitPhones';
import type { MessageRecord } from './messages';
import type { SandboxState } from './sandboxState';

/**
 * The page at /__sandbox/ for a person trying the demo: the texts the simulated phones received
 * and the calls they took, newest first, refreshed every few seconds. Plain HTML that works
 * without JavaScript; every value is escaped, since message bodies come from users.
 */

export const PAGE_REFRESH_SECONDS = 3;

const STATUS_TONE: Record<string, 'good' | 'bad' | 'live'> = {
	delivered: 'good',
	received: 'good',
	completed: 'good',
	failed: 'bad',
	undelivered: 'bad',
	busy: 'bad',
	'no-answer': 'bad',
	canceled: 'bad',
	accepted: 'live',
	queued: 'live',
	sending: 'live',
	sent: 'live',
	ringing: 'live',
	'in-progress': 'live',
};

const CALL_KIND: Record<CallRecord['direction'], string> = {
	'outbound-api': 'call',
	'outbound-dial': 'dialled from a call',
	inbound: 'incoming call',
};

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2328; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
.lead { color: #59636e; margin-top: 0; }
.rule { border: 1px solid #9ec5fe; background: #f0f6ff; border-radius: 6px; padding: 0.75rem 1rem; }
.rule h2 { margin: 0 0 0.5rem; font-size: 1rem; }
.rule ul { margin: 0; padding-left: 1.2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.6rem; border-bottom: 1px solid #d1d9e0; }
th { font-size: 0.85rem; color: #59636e; font-weight: 600; }
td.body { white-space: pre-wrap; overflow-wrap: anywhere; }
.number { white-space: nowrap; font-variant-numeric: tabular-nums; }
.kind, .detail { display: block; color: #59636e; font-size: 0.85rem; }
.status { font-weight: 600; }
.status.good { color: #1a7f37; }
.status.bad { color: #cf222e; }
.status.live { color: #9a6700; }
.empty { color: #59636e; font-style: italic; }
ul.story { margin: 0; padding-left: 1.1rem; }
footer { margin-top: 2rem; color: #59636e; font-size: 0.85rem; }
`;

/** The whole page, as it stands now. */
export function renderSandboxPage(state: SandboxState): string {
	const messages = [...state.messages].reverse();
	const calls = [...state.calls].reverse();
	return [
		'<!DOCTYPE html>',
		'<html lang="en">',
		'<head>',
		'<meta charset="utf-8">',
		`<meta http-equiv="refresh" content="${PAGE_REFRESH_SECONDS}">`,
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		'<title>Twilio sandbox: texts and calls</title>',
		`<style>${STYLE}</style>`,
		'</head>',
		'<body>',
		'<h1>What the phones saw</h1>',
		`<p class="lead">Texts and calls the Twilio sandbox handled, newest first. This page refreshes every ${PAGE_REFRESH_SECONDS} seconds.</p>`,
		state.scenarios.phonesByLastDigit ? lastDigitBox() : '',
		'<h2>Texts</h2>',
		messages.length === 0 ? '<p class="empty">No texts yet.</p>' : messageTable(messages),
		'<h2>Calls</h2>',
		calls.length === 0 ? '<p class="empty">No calls yet.</p>' : callTable(calls),
		'<footer>The same data as JSON: <a href="/__sandbox/messages">/__sandbox/messages</a>, <a href="/__sandbox/calls">/__sandbox/calls</a>.</footer>',
		'</body>',
		'</html>',
		'',
	].join('\n');
}

/** Escapes text for HTML content and attribute values. */
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
	return String(value).replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character);
}

function lastDigitBox(): string {
	const lines = LAST_DIGIT_PHONES.map((phone) => `<li><strong>${escapeHtml(phone.ending)}:</strong> ${escapeHtml(phone.behaviour)}</li>`);
	return [
		'<section class="rule">',
		'<h2>Demo phones: the last digit decides</h2>',
		'<p>A number with no scenario of its own behaves by its last digit:</p>',
		`<ul>${lines.join('')}</ul>`,
		'</section>',
	].join('\n');
}

function messageTable(messages: MessageRecord[]): string {
	const rows = messages.map((message) => {
		const from = message.from ?? message.messagingServiceSid ?? '';
		const error = message.errorCode === null ? '' : `<span class="detail">error ${escapeHtml(message.errorCode)}${message.errorMessage === null ? '' : `: ${escapeHtml(message.errorMessage)}`}</span>`;
		const media = message.mediaUrls.length === 0 ? '' : `<span class="detail">${escapeHtml(message.mediaUrls.length)} attachment(s)</span>`;
		return [
			'<tr>',
			`<td>${time(message.dateCreated)}</td>`,
			`<td>${parties(from, message.to)}<span class="kind">${escapeHtml(message.direction === 'inbound' ? 'received' : 'sent')}</span></td>`,
			`<td class="body">${escapeHtml(message.body)}${media}</td>`,
			`<td>${status(message.status)}${error}</td>`,
			'</tr>',
		].join('');
	});
	return table(['Time', 'From → To', 'Text', 'Status'], rows);
}

function callTable(calls: CallRecord[]): string {
	const rows = calls.map((call) => {
		const story = whatHappened(call);
		return [
			'<tr>',
			`<td>${time(call.dateCreated)}</td>`,
			`<td>${parties(call.from, call.to)}<span class="kind">${escapeHtml(CALL_KIND[call.direction])}</span></td>`,
			`<td>${status(call.status)}</td>`,
			`<td class="number">${call.duration === null ? '…' : `${escapeHtml(call.duration)} s`}</td>`,
			`<td>${escapeHtml(answeredBy(call))}</td>`,
			`<td>${story.length === 0 ? '' : `<ul class="story">${story.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`}</td>`,
			'</tr>',
		].join('');
	});
	return table(['Time', 'From → To', 'Status', 'Duration', 'Answered by', 'What happened'], rows);
}

function table(headings: string[], rows: string[]): string {
	return `<table>\n<thead><tr>${headings.map((heading) => `<th>${escapeHtml(heading)}</th>`).join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function time(date: Date): string {
	const iso = date.toISOString();
	return `<time class="number" datetime="${escapeHtml(iso)}" title="${escapeHtml(iso)}">${escapeHtml(date.toTimeString().slice(0, 8))}</time>`;
}

function parties(from: string, to: string): string {
	return `<span class="number">${escapeHtml(from === '' ? '—' : from)} → ${escapeHtml(to)}</span>`;
}

function status(value: string): string {
	const tone = STATUS_TONE[value];
	return `<span class="status${tone === undefined ? '' : ` ${tone}`}">${escapeHtml(value)}</span>`;
}

/** Who picked up: what answering machine detection reported, or else who the sandbox knows answered. */
function answeredBy(call: CallRecord): string {
	if (call.answeredBy !== null) return call.answeredBy === 'human' ? 'person' : `machine (${call.answeredBy})`;
	if (call.answeredAt === null) return '—';
	return call.transcript.some((entry) => entry.kind === 'greeting') ? 'answering machine' : 'person';
}

/** The moments of a call worth a line: voicemail, keys pressed, the bridge, recordings, errors. */
function whatHappened(call: CallRecord): string[] {
	return call.transcript.flatMap((entry): string[] => {
		const line = storyLine(entry);
		return line === undefined ? [] : [line];
	});
}

function storyLine(entry: TranscriptEntry): string | undefined {
	switch (entry.kind) {
		case 'greeting':
			return `voicemail picked up: ${entry.text}`;
		case 'amd':
			return `machine detection: ${entry.text}`;
		case 'digits':
			return `pressed ${entry.text}`;
		case 'speech':
			return `said “${entry.text}”`;
		case 'say':
			return entry.heardBy === 'voicemail' ? `left on voicemail: “${entry.text}”` : undefined;
		case 'dial':
			return entry.text.startsWith('dial ended') ? entry.text : undefined;
		case 'bridge':
			return entry.text.replace(/ \(CA[0-9a-fA-F]{32}\)$/, '');
		case 'record':
			return `recording: ${entry.text}`;
		case 'reject':
		case 'error':
			return entry.text;
		default:
			return undefined;
	}
}
