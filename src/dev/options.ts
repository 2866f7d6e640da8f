// The settings of one dev environment, with eddy's defaults.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EddyError } from '../shared/errors.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { createLogger, type Logger } from '../shared/logger.js';

/** Options of `eddy dev` and of `startEddy`. */
export interface DevOptions {
  /** The template file; found in the working folder when omitted. */
  template?: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** State folder, `.eddy` by default. */
  stateDir?: string;
  inMemory?: boolean;
  watch?: boolean;
  parameterOverrides?: Record<string, string>;
  /** Buckets served from existing folders, used in place: bucket name (or logical id) → folder. */
  buckets?: Record<string, string>;
  region?: string;
  accountId?: string;
  /** Access key id → secret: when given, every AWS API request must be SigV4-signed with one of them. */
  auth?: Record<string, string>;
  logger?: Logger;
  clock?: Clock;
  cwd?: string;
}

/** DevOptions with every default filled in. */
export interface ResolvedDevOptions extends Required<Omit<DevOptions, 'template' | 'stateDir'>> {
  /** Absolute template path, or undefined to run an empty app (only the default bus). */
  template?: string;
  stateDir?: string;
}

/** Template file names looked for in the working folder, as SAM CLI does. */
export const TEMPLATE_NAMES = ['template.yaml', 'template.yml', 'template.json'];

/** The default port, 4949. */
export const DEFAULT_PORT = 4949;

/** Finds the template: the given path (must exist), else template.yaml/yml/json in cwd. */
export function findTemplate(template: string | undefined, cwd: string): string | undefined {
  if (template) {
    const file = resolve(cwd, template);
    if (!existsSync(file)) {
      throw new EddyError('TEMPLATE_NOT_FOUND', `No template at ${file}`, {
        fix: 'Pass the path of your SAM template with --template, or run `eddy new <dir>` to create a project.',
      });
    }
    return file;
  }
  return TEMPLATE_NAMES.map((name) => resolve(cwd, name)).find((file) => existsSync(file));
}

/** Fills in defaults. Throws EddyError for a template that does not exist. */
export function resolveDevOptions(options: DevOptions): ResolvedDevOptions {
  const cwd = options.cwd ?? process.cwd();
  const inMemory = options.inMemory ?? false;
  return {
    cwd,
    template: findTemplate(options.template, cwd),
    port: options.port ?? DEFAULT_PORT,
    host: options.host ?? '127.0.0.1',
    stateDir: inMemory ? undefined : resolve(cwd, options.stateDir ?? '.eddy'),
    inMemory,
    watch: options.watch ?? true,
    parameterOverrides: options.parameterOverrides ?? {},
    buckets: Object.fromEntries(
      Object.entries(options.buckets ?? {}).map(([name, dir]) => [name, resolve(cwd, dir)]),
    ),
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    accountId: options.accountId ?? '000000000000',
    auth: options.auth ?? {},
    logger: options.logger ?? createLogger('info'),
    clock: options.clock ?? systemClock,
  };
}
