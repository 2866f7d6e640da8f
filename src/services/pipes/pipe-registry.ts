// The pipes eddy knows: template pipes and API pipes, stored so a restart resumes them, each with a
// runner while its desired state is RUNNING. The Pipes API operations (api/pipes) work on this.
import type { Store } from '../../store/database.js';
import { PipeDefinitions, pipesFamily } from '../../store/pipes.js';
import type { ServiceContext } from '../core/service.js';
import { unsupportedSource, type PipeDefinition } from './pipe-definition.js';
import { PipeRunner } from './pipe-runner.js';

/** A pipe with its state. */
export interface PipeEntry {
  definition: PipeDefinition;
  origin: 'template' | 'api';
  created: number;
  modified: number;
  runner?: PipeRunner;
  /** RUNNING, STOPPED, or STOPPED with a reason when eddy cannot run its source. */
  currentState: 'RUNNING' | 'STOPPED';
  stateReason?: string;
}

/** Keeps pipe definitions and their runners in step. */
export class PipeRegistry {
  private readonly entries = new Map<string, PipeEntry>();
  private readonly rows: PipeDefinitions;

  constructor(
    private readonly context: ServiceContext,
    store: Store,
  ) {
    store.migrate(pipesFamily);
    this.rows = new PipeDefinitions(store.db);
  }

  /** Loads stored API pipes and starts the running ones. */
  async load(): Promise<void> {
    for (const row of this.rows.all()) {
      if (row.origin !== 'api') continue;
      await this.put(row.definition as unknown as PipeDefinition, 'api', row.created);
    }
  }

  /** A pipe by name. */
  get(name: string): PipeEntry | undefined {
    return this.entries.get(name);
  }

  /** Every pipe, by name. */
  list(): PipeEntry[] {
    return [...this.entries.values()].sort((a, b) => a.definition.Name.localeCompare(b.definition.Name));
  }

  /** Creates or replaces a pipe and (re)starts it when it should run. */
  async put(definition: PipeDefinition, origin: PipeEntry['origin'], created?: number): Promise<PipeEntry> {
    const previous = this.entries.get(definition.Name);
    await previous?.runner?.stop();
    const now = Math.floor(this.context.clock.now() / 1000);
    const entry: PipeEntry = {
      definition,
      origin,
      created: created ?? previous?.created ?? now,
      modified: now,
      currentState: 'STOPPED',
    };
    const unsupported = unsupportedSource(definition);
    if (unsupported) entry.stateReason = unsupported;
    else if (definition.DesiredState !== 'STOPPED') {
      entry.runner = new PipeRunner(definition, this.context);
      entry.runner.start();
      entry.currentState = 'RUNNING';
    }
    this.entries.set(definition.Name, entry);
    this.rows.save({
      name: definition.Name,
      definition: { ...definition },
      origin,
      created: entry.created,
      modified: now,
    });
    return entry;
  }

  /** Stops and forgets a pipe. */
  async delete(name: string): Promise<void> {
    const entry = this.entries.get(name);
    await entry?.runner?.stop();
    this.entries.delete(name);
    this.rows.delete(name);
  }

  /** Stops every runner (definitions stay stored). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.runner?.stop()));
  }
}
