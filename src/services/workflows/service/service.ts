// The workflows service (Step Functions): state machines from the template and the API, durable
// STANDARD and in-memory EXPRESS executions, and router calls for `arn:aws:states:` (rule and pipe
// targets start executions).
import { executionsFamily, ExecutionStore } from '../../../store/executions.js';
import { MapRunStore, mapRunsFamily } from '../../../store/map-runs.js';
import type { AppModel } from '../../../template/model.js';
import type { ResourceSummary, Service, ServiceContext, TargetCallOptions } from '../../core/service.js';
import { createMapRunHooks } from '../distributed/hooks.js';
import type { MapObjectStore } from '../distributed/object-store.js';
import { checkArn, type Scope } from './arns.js';
import { ExecutionManager } from './executions.js';
import { compile, MachineRegistry } from './machines.js';
import { MapRunRegistry } from './map-runs.js';
import { loadMockConfig, type MockConfig } from './mock-config.js';

/** Options of the service (tests pass a mock configuration directly). */
export interface WorkflowsOptions {
  mockConfig?: MockConfig;
}

/** Runs Step Functions state machines. */
export class WorkflowsService implements Service {
  readonly name = 'workflows';
  readonly arnService = 'states';
  private context?: ServiceContext;
  private machineRegistry?: MachineRegistry;
  private manager?: ExecutionManager;
  private registry?: MapRunRegistry;
  private readonly templateMachines = new Map<string, string>();

  constructor(private readonly options: WorkflowsOptions = {}) {}

  async start(context: ServiceContext): Promise<void> {
    this.context = context;
    context.store.migrate(executionsFamily);
    context.store.migrate(mapRunsFamily);
    const store = new ExecutionStore(context.store.db);
    this.machineRegistry = new MachineRegistry(store, () => context.clock.now());
    const s3 = context.lookup<Service & MapObjectStore>('storage');
    this.manager = new ExecutionManager(
      context,
      store,
      this.machineRegistry,
      this.scope,
      undefined,
      this.options.mockConfig ?? loadMockConfig(),
    );
    this.registry = new MapRunRegistry(
      new MapRunStore(context.store.db),
      this.manager,
      context.trace,
      context.clock,
    );
    this.manager.mapRuns = createMapRunHooks(s3, this.registry);
  }

  /** The Distributed Map runs. */
  get mapRuns(): MapRunRegistry {
    if (!this.registry) throw new Error('workflows service used before start()');
    return this.registry;
  }

  /** Region and account of ARNs. */
  get scope(): Scope {
    const config = this.context?.config;
    return { region: config?.region ?? 'us-east-1', accountId: config?.accountId ?? '000000000000' };
  }

  /** The state machines. */
  get machines(): MachineRegistry {
    if (!this.machineRegistry) throw new Error('workflows service used before start()');
    return this.machineRegistry;
  }

  /** The executions. */
  get executions(): ExecutionManager {
    if (!this.manager) throw new Error('workflows service used before start()');
    return this.manager;
  }

  async apply(app: AppModel): Promise<void> {
    const wanted = new Set(app.stateMachines.map((m) => m.arn));
    for (const arn of this.templateMachines.keys()) {
      if (!wanted.has(arn)) {
        this.machines.delete(arn);
        this.templateMachines.delete(arn);
      }
    }
    // Compile everything first, so a bad definition leaves the last good set running.
    const compiled = app.stateMachines.map((m) => ({ model: m, parsed: compile(m.definition) }));
    for (const { model, parsed } of compiled) {
      const signature = `${model.type}\n${model.roleArn}\n${model.definition}`;
      if (this.templateMachines.get(model.arn) === signature) continue;
      this.machines.put(
        {
          arn: model.arn,
          name: model.name,
          definition: model.definition,
          type: model.type,
          roleArn: model.roleArn,
          origin: 'template',
        },
        parsed,
      );
      this.templateMachines.set(model.arn, signature);
    }
    // Resume after the template's machines exist (their executions need them); once.
    if (!this.resumed) {
      this.resumed = true;
      this.executions.resumeAll();
      this.mapRuns.closeOrphans();
    }
  }

  private resumed = false;

  async dispose(): Promise<void> {
    this.registry?.dispose();
    await this.manager?.dispose();
  }

  describe(): ResourceSummary[] {
    return (this.machineRegistry?.list() ?? []).map((m) => ({
      type: 'AWS::StepFunctions::StateMachine',
      logicalId: m.name,
      name: m.name,
      detail: m.type,
    }));
  }

  /**
   * Router calls: start an execution of the machine with the payload as input. STANDARD answers at
   * once ({ executionArn, startDate }); EXPRESS answers with its result when the caller waits for one.
   */
  async invokeTarget(arn: string, payload: unknown, options: TargetCallOptions): Promise<unknown> {
    checkArn(arn, ['stateMachine']);
    const name = options.parameters?.Name;
    const live = this.executions.start({
      stateMachineArn: arn,
      name: typeof name === 'string' ? name : undefined,
      input: typeof payload === 'string' ? payload : JSON.stringify(payload ?? {}),
      traceId: options.traceId,
    });
    if (live.express && options.invocationType === 'RequestResponse') {
      const end = await live.done;
      if (end.status !== 'SUCCEEDED')
        throw Object.assign(new Error(end.cause ?? end.error ?? end.status), { code: end.error });
      return JSON.parse(end.output ?? 'null') as unknown;
    }
    return { executionArn: live.row.arn, startDate: live.row.startDate };
  }
}
