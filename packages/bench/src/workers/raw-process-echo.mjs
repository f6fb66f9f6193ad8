// Bare child_process peer for the raw limits (fork IPC, json or advanced as the parent chose):
// a number comes back +1; a typed array comes back as its byteLength.
process.on('message', (m) => process.send(typeof m === 'number' ? m + 1 : m.byteLength));
