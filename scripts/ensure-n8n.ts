// Installs the pinned n8n the tests and the demo run (once per machine; cached).
import { ensureN8nInstalled } from '../test/harness';

ensureN8nInstalled()
	.then((install) => console.error(`n8n ${install.version} ready in ${install.dir}`))
	.catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
