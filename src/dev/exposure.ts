// Warns when `eddy dev` listens beyond this machine: anything that reaches the port can put events,
// invoke handlers and read state, and the console has no login.

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/i;

/** True when `host` is a loopback address or name. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** The warnings `eddy dev` prints for its bind address (none on the loopback). */
export function exposureWarnings(host: string, auth: boolean): string[] {
  if (isLoopback(host)) return [];
  const where = host === '0.0.0.0' || host === '::' ? 'every network interface' : host;
  const warnings = [
    `eddy is listening on ${where}: other machines can reach it. Bind to 127.0.0.1 (the default) unless you need this.`,
  ];
  if (!auth) {
    warnings.push(
      'Anyone who can reach the port can call its AWS APIs: add --auth ACCESS_KEY_ID:SECRET to require signed requests.',
    );
  } else {
    warnings.push('--auth covers the AWS APIs; the console and /_eddy endpoints stay unauthenticated.');
  }
  return warnings;
}
