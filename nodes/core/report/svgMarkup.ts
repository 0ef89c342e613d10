import { escapeHtml } from '../form/escapeHtml';
import { withoutIllegalXmlCharacters } from '../twiml/xmlEscape';

/**
 * Small pieces for writing chart SVG by hand. The charts sit inside an HTML page whose
 * Content-Security-Policy forbids `style` attributes and outside resources, so they use
 * presentation attributes only, load nothing, and omit the namespace declaration, which HTML
 * implies for an inline `<svg>`.
 */

/**
 * Text for an SVG element or a double-quoted attribute: valid both as XML and as HTML. Characters
 * XML forbids outright are dropped, the rest escaped.
 */
export function svgText(value: unknown): string {
	const text = value === undefined || value === null ? '' : String(value);
	return escapeHtml(withoutIllegalXmlCharacters(text));
}

/** Size of a chart's ordinary text in viewBox units. */
export const CHART_FONT_SIZE = 13;

/** A coordinate rounded to a tenth, so the markup stays short. */
export function coordinate(value: number): string {
	return String(Math.round(value * 10) / 10);
}

/** Attributes as `name="value"` pairs, values escaped; undefined values are left out. */
export function attributes(values: Record<string, string | number | undefined>): string {
	return Object.entries(values)
		.filter((entry): entry is [string, string | number] => entry[1] !== undefined)
		.map(([name, value]) => `${name}="${typeof value === 'number' ? coordinate(value) : svgText(value)}"`)
		.join(' ');
}

/** An element with no children: `<rect x="…"/>`. */
export function emptyElement(name: string, values: Record<string, string | number | undefined>): string {
	return `<${name} ${attributes(values)}/>`;
}

/** A `<text>` element; the content is escaped here. */
export function textElement(content: string, values: Record<string, string | number | undefined>): string {
	return `<text ${attributes({ fill: 'currentColor', ...values })}>${svgText(content)}</text>`;
}

/** A `<text>` element of several lines, each a `<tspan>` under the one before; content escaped here. */
export function multilineTextElement(lines: readonly string[], values: Record<string, string | number | undefined>): string {
	const x = values.x;
	const spans = lines.map((line, index) => `<tspan ${attributes({ x, dy: index === 0 ? undefined : '1.15em' })}>${svgText(line)}</tspan>`);
	return `<text ${attributes({ fill: 'currentColor', ...values })}>${spans.join('')}</text>`;
}

export interface SvgDocumentOptions {
	/** Unique within the page: the title and desc are found by `${id}-title` and `${id}-desc`. */
	id: string;
	width: number;
	height: number;
	/** Short name of the chart, read first by a screen reader. */
	title: string;
	/** The chart's numbers in words: what a person who cannot see it needs. */
	desc: string;
	/** Markup the caller built and escaped. */
	body: string;
}

/**
 * The chart's root element: scales to its container through `viewBox`, is announced as one image
 * named by its `<title>` and described by its `<desc>`.
 */
export function svgDocument(options: SvgDocumentOptions): string {
	const root = attributes({
		id: options.id,
		class: 'report-chart',
		viewBox: `0 0 ${options.width} ${options.height}`,
		width: '100%',
		preserveAspectRatio: 'xMidYMid meet',
		role: 'img',
		'aria-labelledby': `${options.id}-title ${options.id}-desc`,
		'font-family': 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif',
		'font-size': CHART_FONT_SIZE,
	});
	return (
		`<svg ${root}>` +
		`<title id="${svgText(options.id)}-title">${svgText(options.title)}</title>` +
		`<desc id="${svgText(options.id)}-desc">${svgText(options.desc)}</desc>` +
		options.body +
		'</svg>'
	);
}

/** The top of a count axis and its tick step: round numbers, at most four steps above zero. */
export function countAxis(maximum: number): { top: number; step: number } {
	if (!(maximum > 0)) return { top: 1, step: 1 };
	for (let magnitude = 1; ; magnitude *= 10) {
		for (const factor of [1, 2, 5]) {
			const step = factor * magnitude;
			const steps = Math.ceil(maximum / step);
			if (steps <= 4) return { top: steps * step, step };
		}
	}
}
