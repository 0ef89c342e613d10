// Installs the n8n releases the tests run (once per machine; cached): every release the harness
// knows, or only those named on the command line (e.g. `ensure-n8n.ts 2.41.1`).
import { ensureN8nInstalled, N8N_RELEASES } from '../test/harness';

async function main(): Promise<void> {
	const versions = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(N8N_RELEASES);
	for (const version of versions) {
		const install = await ensureN8nInstalled(version);
		console.error(`n8n ${install.version} ready in ${install.dir} (Node ${install.runtime.version})`);
	}
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
