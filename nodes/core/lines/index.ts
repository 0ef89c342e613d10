export {
	lineKey,
	MAX_LINE_TRIES,
	MAX_LINES,
	releaseLine,
	renewLine,
	takeLine,
	type ReleaseLineRequest,
	type ReleaseLineResult,
	type RenewLineRequest,
	type RenewLineResult,
	type TakeLineRequest,
	type TakeLineResult,
} from './lineLeases';
export type { LineRow, LineStore } from './lineStore';
