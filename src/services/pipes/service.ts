// The pipes service: Lambda event source mappings and EventBridge Pipes. Both poll a source queue, filter,
// batch and call a target through the router; each runs as a QueuePoller. Re-applying the app restarts
// only what changed.
import type { AppModel, EventSourceMappingModel } from '../../template/model.js';
import type { ResourceSummary, Service, ServiceContext } from '../core/service.js';
import { EventSourceMappingRunner } from './event-source-mapping.js';
import { fromModel } from './pipe-definition.js';
import { PipeRegistry } from './pipe-registry.js';

/** Runs event source mappings and pipes. */
export class PipesService implements Service {
  readonly name = 'pipes';
  private context?: ServiceContext;
  private registry?: PipeRegistry;
  private readonly mappings = new Map<string, { signature: string; runner: EventSourceMappingRunner }>();

  async start(context: ServiceContext): Promise<void> {
    this.context = context;
    this.registry = new PipeRegistry(context, context.store);
    await this.registry.load();
  }

  /** Region and account pipe ARNs use. */
  get scope(): { region: string; accountId: string } {
    const config = this.context?.config;
    return { region: config?.region ?? 'us-east-1', accountId: config?.accountId ?? '000000000000' };
  }

  /** The pipes (for the Pipes API). */
  get pipes(): PipeRegistry {
    if (!this.registry) throw new Error('pipes service used before start()');
    return this.registry;
  }

  async apply(app: AppModel): Promise<void> {
    for (const model of app.eventSourceMappings.filter((m) => !isSqsMapping(m))) {
      // Kinesis, DynamoDB Streams and Kafka mappings are listed, not run (PRODUCT.md: never a crash).
      const message = `event source mapping ${model.logicalId}: only SQS sources are emulated (${model.eventSourceArn})`;
      this.context?.logger.warn(message);
      this.context?.trace.publish({
        kind: 'warning',
        traceId: `esm:${model.uuid}`,
        resource: model.arn,
        payload: { message },
      });
    }
    await this.applyMappings(app.eventSourceMappings.filter(isSqsMapping));
    await this.applyPipes(app);
  }

  private async applyPipes(app: AppModel): Promise<void> {
    const registry = this.pipes;
    const wanted = new Set(app.pipes.map((p) => p.name));
    for (const entry of registry.list()) {
      if (entry.origin === 'template' && !wanted.has(entry.definition.Name))
        await registry.delete(entry.definition.Name);
    }
    for (const model of app.pipes) {
      const definition = fromModel(model);
      const current = registry.get(model.name);
      if (current && JSON.stringify(current.definition) === JSON.stringify(definition)) continue;
      await registry.put(definition, 'template');
    }
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.mappings.values()].map((m) => m.runner.stop()));
    this.mappings.clear();
    await this.registry?.stopAll();
  }

  describe(): ResourceSummary[] {
    const pipes = (this.registry?.list() ?? []).map((entry) => ({
      type: 'AWS::Pipes::Pipe',
      logicalId: entry.definition.Name,
      name: entry.definition.Name,
      detail: entry.stateReason
        ? `not emulated: ${entry.stateReason}`
        : `${arnName(entry.definition.Source)} → ${arnName(entry.definition.Target)} (${entry.currentState})`,
    }));
    return [
      ...pipes,
      ...[...this.mappings.values()].map(({ runner }) => ({
        type: 'AWS::Lambda::EventSourceMapping',
        logicalId: runner.model.logicalId,
        name: runner.model.uuid,
        detail: `${arnName(runner.model.eventSourceArn)} → ${arnName(runner.model.functionArn)}`,
      })),
    ];
  }

  private async applyMappings(models: EventSourceMappingModel[]): Promise<void> {
    const context = this.requireContext();
    const wanted = new Map(models.map((m) => [m.uuid || m.logicalId, m]));
    for (const [key, entry] of this.mappings) {
      const model = wanted.get(key);
      if (!model || JSON.stringify(model) !== entry.signature) {
        await entry.runner.stop();
        this.mappings.delete(key);
      }
    }
    for (const [key, model] of wanted) {
      if (this.mappings.has(key)) continue;
      const runner = new EventSourceMappingRunner(model, context);
      this.mappings.set(key, { signature: JSON.stringify(model), runner });
      runner.start();
    }
  }

  private requireContext(): ServiceContext {
    if (!this.context) throw new Error('pipes service used before start()');
    return this.context;
  }
}

function isSqsMapping(model: EventSourceMappingModel): boolean {
  return model.eventSourceArn.startsWith('arn:aws:sqs:') || model.eventSourceArn.split(':')[2] === 'sqs';
}

function arnName(arn: string): string {
  return arn.split(':').slice(-1)[0] ?? arn;
}
