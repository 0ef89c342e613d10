export {
	lineKey,
	MAX_LINE_TRIES,
	MAX_LINES,
	PRIORITY_PLACE_MS,
	releaseLine,
	renewLine,
	takeLine,
	type LinePriority,
	type ReleaseLineRequest,
	type ReleaseLineResult,
	type RenewLineRequest,
	type RenewLineResult,
	type TakeLineRequest,
	type TakeLineResult,
} from './lineLeases';
export type { LineRow, LineStore } from './lineStore';
