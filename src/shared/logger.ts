// The one logger: levels, and debug output that costs nothing when off (call sites use `debug?.(...)`).

/** Log levels, most severe first. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
/** One of LOG_LEVELS. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where eddy writes human-readable lines. */
export interface Logger {
  level: LogLevel;
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  /** Present only when debug output is on, so `logger.debug?.(...)` costs nothing otherwise. */
  debug?: (message: string) => void;
}

/** A logger writing to stderr (errors, warnings) and stdout (info) at or above `level`. */
export function createLogger(level: LogLevel = 'info', write = defaultWrite): Logger {
  const enabled = (l: LogLevel) => LOG_LEVELS.indexOf(l) <= LOG_LEVELS.indexOf(level);
  const logger: Logger = {
    level,
    error: (m) => enabled('error') && write('stderr', m),
    warn: (m) => enabled('warn') && write('stderr', m),
    info: (m) => enabled('info') && write('stdout', m),
  } as Logger;
  if (enabled('debug')) logger.debug = (m) => write('stderr', m);
  return logger;
}

/** A logger that prints nothing (tests, embedded use). */
export const silentLogger: Logger = createLogger('error', () => undefined);

function defaultWrite(stream: 'stdout' | 'stderr', message: string): void {
  if (stream === 'stderr') console.error(message);
  else console.log(message);
}
