// The pipes service: Lambda event source mappings and EventBridge Pipes. Both poll a source queue, filter,
// batch and call a target through the router; each runs as a QueuePoller. Re-applying the app restarts
// only what changed.
import type { AppModel, EventSourceMappingModel } from '../../template/model.js';
import type { ResourceSummary, Service, ServiceContext } from '../core/service.js';
import { EventSourceMappingRunner } from './event-source-mapping.js';

/** Runs event source mappings and pipes. */
export class PipesService implements Service {
  readonly name = 'pipes';
  private context?: ServiceContext;
  private readonly mappings = new Map<string, { signature: string; runner: EventSourceMappingRunner }>();

  async start(context: ServiceContext): Promise<void> {
    this.context = context;
  }

  async apply(app: AppModel): Promise<void> {
    await this.applyMappings(app.eventSourceMappings.filter(isSqsMapping));
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.mappings.values()].map((m) => m.runner.stop()));
    this.mappings.clear();
  }

  describe(): ResourceSummary[] {
    return [...this.mappings.values()].map(({ runner }) => ({
      type: 'AWS::Lambda::EventSourceMapping',
      logicalId: runner.model.logicalId,
      name: runner.model.uuid,
      detail: `${arnName(runner.model.eventSourceArn)} → ${arnName(runner.model.functionArn)}`,
    }));
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
