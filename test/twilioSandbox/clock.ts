/**
 * Sandbox time. Every duration the sandbox simulates (ringing, a greeting, a <Pause>) is a
 * number of "call seconds"; `timeScale` says how many real seconds one of them takes, so tests
 * can run a 30-second call in 1.5 s. Timestamps shown to clients come from the same scaled
 * clock, which keeps `start_time`, `end_time` and `duration` consistent with each other.
 */
export class SandboxClock {
	private readonly realStart = Date.now();
	private readonly timers = new Set<NodeJS.Timeout>();
	private stopped = false;

	constructor(readonly timeScale: number) {
		if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
			throw new Error(`timeScale must be a positive number, got ${timeScale}`);
		}
	}

	/** The simulated current time. */
	now(): Date {
		const realElapsed = Date.now() - this.realStart;
		return new Date(this.realStart + realElapsed / this.timeScale);
	}

	/** Milliseconds of simulated time since the sandbox started (for ordering and offsets). */
	elapsedMs(): number {
		return (Date.now() - this.realStart) / this.timeScale;
	}

	/**
	 * Resolves after `seconds` of simulated time. After `stop()` it never resolves, so the work
	 * waiting on it is dropped instead of running against a closed server.
	 */
	sleep(seconds: number): Promise<void> {
		if (this.stopped || seconds === Number.POSITIVE_INFINITY) return new Promise<void>(() => undefined);
		const realMs = Math.max(0, seconds * 1000 * this.timeScale);
		return new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, realMs);
			this.timers.add(timer);
		});
	}

	get isStopped(): boolean {
		return this.stopped;
	}

	stop(): void {
		this.stopped = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}
}
