// A real n8n answers in milliseconds, but starting and restarting it takes seconds.
jest.setTimeout(240_000);
