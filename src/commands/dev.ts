import { Flags } from '@oclif/core';
import { EddyCommand } from '../cli/base-command.js';
import { colors } from '../cli/colors.js';
import { parseAuthKeys } from '../cli/auth-keys.js';
import { parseKeyValues } from '../cli/key-values.js';
import { renderResourceTable } from '../cli/resource-table.js';
import { DevEnvironment } from '../dev/environment.js';
import { resourceRows, type ResourceRow } from '../dev/resources.js';
import { DEFAULT_PORT } from '../dev/options.js';
import { exposureWarnings } from '../dev/exposure.js';

/** What `eddy dev --json` prints once the local cloud is up. */
export interface DevStarted {
  endpoint: string;
  template?: string;
  stateDir?: string;
  resources: ResourceRow[];
  warnings: string[];
}

/** `eddy dev`: starts the local cloud from the template and runs until interrupted. */
export default class Dev extends EddyCommand {
  static override summary = 'Start the local cloud from your SAM template.';
  static override description =
    'Loads the template, starts the emulated services on one port, prints the endpoint and the resources, and reloads when the template changes.';
  static override examples = [
    '<%= config.bin %> dev',
    '<%= config.bin %> dev --template infra/template.yaml --port 5000',
  ];

  static override flags = {
    template: Flags.string({
      char: 't',
      summary: 'The SAM / CloudFormation template (default: ./template.yaml).',
    }),
    port: Flags.integer({
      char: 'p',
      default: DEFAULT_PORT,
      min: 0,
      max: 65535,
      summary: 'Port to listen on.',
    }),
    host: Flags.string({
      default: '127.0.0.1',
      summary: 'Address to bind (keep 127.0.0.1 unless you know why).',
    }),
    state: Flags.string({ default: '.eddy', summary: 'Folder for durable state.' }),
    'in-memory': Flags.boolean({
      default: false,
      summary: 'Keep no state: everything is gone when eddy stops.',
    }),
    watch: Flags.boolean({
      default: true,
      allowNo: true,
      summary: 'Reload when the template or handlers change.',
    }),
    'parameter-overrides': Flags.string({ multiple: true, summary: 'Template parameters as Key=Value.' }),
    bucket: Flags.string({
      multiple: true,
      summary: 'Serve a bucket from an existing folder, in place: name=./folder (name or logical id).',
    }),
    region: Flags.string({ summary: 'AWS region to emulate (default: AWS_REGION or us-east-1).' }),
    auth: Flags.string({
      multiple: true,
      summary:
        'Require SigV4-signed AWS requests by this test key: ACCESS_KEY_ID:SECRET, or env for AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.',
    }),
  };

  async run(): Promise<DevStarted> {
    const { flags } = await this.parse(Dev);
    const env = await DevEnvironment.start({
      template: flags.template,
      port: flags.port,
      host: flags.host,
      stateDir: flags.state,
      inMemory: flags['in-memory'],
      watch: flags.watch,
      parameterOverrides: parseKeyValues(flags['parameter-overrides'] ?? []),
      buckets: parseKeyValues(flags.bucket ?? []),
      region: flags.region,
      auth: parseAuthKeys(flags.auth ?? []),
      logger: this.logger,
    });
    const app = env.currentApp;
    const started: DevStarted = {
      endpoint: env.endpoint,
      template: env.options.template,
      stateDir: env.options.stateDir,
      resources: resourceRows(app),
      warnings: [
        ...app.warnings.map((w) => w.message),
        ...exposureWarnings(flags.host, (flags.auth ?? []).length > 0),
      ],
    };
    const json = this.jsonEnabled();
    if (!json) this.printStarted(started);
    // Only reloads and errors are printed: a listener of every kind would have every record built for it.
    if (!json)
      env.trace.subscribe(
        (record) => {
          if (record.kind === 'reload') {
            this.log(colors.green(`↻ reloaded ${record.payload.template}`));
            this.log(renderResourceTable(resourceRows(env.currentApp)));
          } else if (record.kind === 'error') {
            this.logToStderr(colors.red(`✘ ${record.payload.location ?? ''} ${record.payload.message}`));
          }
        },
        ['reload', 'error'],
      );
    const stop = async () => {
      await env.stop();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (json) this.logJson(started);
    await new Promise(() => undefined);
    return started;
  }

  private printStarted(started: DevStarted): void {
    this.log(`${colors.bold('eddy')} local cloud on ${colors.cyan(started.endpoint)}`);
    this.log(colors.dim(`  template: ${started.template ?? '(none: only the default bus)'}`));
    this.log(colors.dim(`  state:    ${started.stateDir ?? '(in memory)'}`));
    this.log('');
    this.log(renderResourceTable(started.resources));
    for (const warning of started.warnings) this.logToStderr(colors.yellow(`⚠ ${warning}`));
    this.log('');
    const bus =
      started.resources.find((r) => r.type === 'EventBus' && r.name !== 'default')?.name ?? 'default';
    const fn = started.resources.find((r) => r.type === 'Function')?.logicalId ?? '<function>';
    this.log('Try next:');
    this.log(
      `  ${colors.cyan(`open ${started.endpoint}/`)}   the console: architecture, live events, executions`,
    );
    this.log(
      `  ${colors.cyan('npx eddy tail')}   live events, deliveries, executions and logs (another terminal)`,
    );
    this.log(
      `  ${colors.cyan('npx eddy events put --source app.orders --detail-type OrderPlaced --detail \'{"orderId":"o-1"}\' --bus')} ${colors.cyan(bus)}`,
    );
    this.log(`  ${colors.cyan(`npx eddy functions invoke ${fn} --event '{}'`)}`);
    this.log(
      `  ${colors.cyan(`AWS_ENDPOINT_URL=${started.endpoint}`)} aws events put-events ...   (any AWS SDK or CLI)`,
    );
  }
}
