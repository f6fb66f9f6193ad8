// How a self-checking scenario ends: a JSON line for run.mjs, and the exit code.
export function fail(message) {
  console.log(JSON.stringify({ ok: false, message }));
  process.exit(1);
}

export function report(details) {
  console.log(JSON.stringify({ ok: true, ...details }));
}
