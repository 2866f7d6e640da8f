// The Pipes API operations (REST JSON, docs.aws.amazon.com/eventbridge/latest/pipes-reference/):
// CreatePipe, DescribePipe, UpdatePipe, DeletePipe, ListPipes, StartPipe, StopPipe and tags.
import { AwsError } from '../../shared/aws-error.js';
import { compileFilter, filterPatterns } from '../../services/pipes/filter.js';
import type { PipeDefinition } from '../../services/pipes/pipe-definition.js';
import type { PipeEntry } from '../../services/pipes/pipe-registry.js';
import type { PipesService } from '../../services/pipes/service.js';

type Body = Record<string, unknown>;

const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

function notFound(name: string): AwsError {
  return new AwsError('NotFoundException', `Pipe ${name} does not exist.`, 404);
}

function validation(message: string): AwsError {
  return new AwsError('ValidationException', message, 400);
}

function requireString(body: Body, member: string, path: string): string {
  const value = body[member];
  if (typeof value !== 'string' || value === '') {
    throw validation(
      `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function requireArn(body: Body, member: string, path: string, pattern: RegExp): string {
  const value = requireString(body, member, path);
  if (!pattern.test(value)) {
    throw validation(
      `1 validation error detected: Value '${value}' at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source}`,
    );
  }
  return value;
}

function object(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * Refuses a bad FilterCriteria pattern before the pipe is stored or its running poller stopped
 * (the runner's compile threw past the API as a 500, after an update had already stopped the pipe).
 */
function checkFilters(definition: PipeDefinition): PipeDefinition {
  try {
    compileFilter(filterPatterns(definition.SourceParameters.FilterCriteria));
  } catch (error) {
    throw validation(`Invalid filter pattern definition: ${(error as Error).message}`);
  }
  return definition;
}

/** The short state answer Create/Update/Start/Stop/Delete give. */
export function stateOf(
  entry: PipeEntry,
  override?: Partial<Record<'DesiredState' | 'CurrentState', string>>,
) {
  return {
    Arn: entry.definition.Arn,
    Name: entry.definition.Name,
    DesiredState: entry.definition.DesiredState,
    CurrentState: entry.currentState,
    CreationTime: entry.created,
    LastModifiedTime: entry.modified,
    ...override,
  };
}

/** The Pipes operations over the running pipes service. */
export class PipesOperations {
  constructor(
    private readonly service: PipesService,
    private readonly scope: { region: string; accountId: string },
  ) {}

  private entry(name: string): PipeEntry {
    const entry = this.service.pipes.get(name);
    if (!entry) throw notFound(name);
    return entry;
  }

  /** CreatePipe. */
  async create(name: string, body: Body) {
    if (!NAME.test(name))
      throw validation(
        `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\.\\-_A-Za-z0-9]+$`,
      );
    if (this.service.pipes.get(name)) {
      throw new AwsError('ConflictException', `Pipe ${name} already exists.`, 409, {
        resourceId: name,
        resourceType: 'pipe',
      });
    }
    const definition: PipeDefinition = {
      Name: name,
      Arn: `arn:aws:pipes:${this.scope.region}:${this.scope.accountId}:pipe/${name}`,
      Source: requireArn(
        body,
        'Source',
        'source',
        /^(smk:\/\/.+|arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+)$/,
      ),
      Target: requireArn(body, 'Target', 'target', /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/),
      RoleArn: requireString(body, 'RoleArn', 'roleArn'),
      Enrichment: typeof body.Enrichment === 'string' && body.Enrichment !== '' ? body.Enrichment : undefined,
      Description: typeof body.Description === 'string' ? body.Description : undefined,
      DesiredState: body.DesiredState === 'STOPPED' ? 'STOPPED' : 'RUNNING',
      SourceParameters: object(body.SourceParameters),
      EnrichmentParameters: object(body.EnrichmentParameters),
      TargetParameters: object(body.TargetParameters),
      Tags: object(body.Tags) as Record<string, string>,
    };
    const entry = await this.service.pipes.put(checkFilters(definition), 'api');
    // Creation is instant here; AWS answers CREATING and the pipe then reaches its desired state.
    return stateOf(entry, { CurrentState: 'CREATING' });
  }

  /** DescribePipe. */
  describe(name: string) {
    const entry = this.entry(name);
    const d = entry.definition;
    return {
      Arn: d.Arn,
      Name: d.Name,
      ...(d.Description !== undefined ? { Description: d.Description } : {}),
      DesiredState: d.DesiredState,
      CurrentState: entry.currentState,
      ...(entry.stateReason ? { StateReason: entry.stateReason } : {}),
      Source: d.Source,
      SourceParameters: d.SourceParameters,
      ...(d.Enrichment ? { Enrichment: d.Enrichment, EnrichmentParameters: d.EnrichmentParameters } : {}),
      Target: d.Target,
      TargetParameters: d.TargetParameters,
      RoleArn: d.RoleArn,
      Tags: d.Tags,
      CreationTime: entry.created,
      LastModifiedTime: entry.modified,
    };
  }

  /** UpdatePipe: members given replace the current ones (the source stays). */
  async update(name: string, body: Body) {
    const current = this.entry(name).definition;
    const definition: PipeDefinition = {
      ...current,
      RoleArn: requireString(body, 'RoleArn', 'roleArn'),
      ...(typeof body.Target === 'string' ? { Target: body.Target } : {}),
      ...(typeof body.Description === 'string' ? { Description: body.Description } : {}),
      ...(body.DesiredState === 'STOPPED' || body.DesiredState === 'RUNNING'
        ? { DesiredState: body.DesiredState }
        : {}),
      ...(body.Enrichment !== undefined
        ? { Enrichment: body.Enrichment === '' ? undefined : String(body.Enrichment) }
        : {}),
      ...(body.SourceParameters
        ? { SourceParameters: { ...current.SourceParameters, ...object(body.SourceParameters) } }
        : {}),
      ...(body.EnrichmentParameters ? { EnrichmentParameters: object(body.EnrichmentParameters) } : {}),
      ...(body.TargetParameters ? { TargetParameters: object(body.TargetParameters) } : {}),
    };
    const entry = await this.service.pipes.put(checkFilters(definition), 'api');
    return stateOf(entry, { CurrentState: 'UPDATING' });
  }

  /** DeletePipe. */
  async delete(name: string) {
    const entry = this.entry(name);
    await this.service.pipes.delete(name);
    return stateOf(entry, { DesiredState: 'DELETED', CurrentState: 'DELETING' });
  }

  /** StartPipe / StopPipe. */
  async setDesiredState(name: string, state: 'RUNNING' | 'STOPPED') {
    const entry = this.entry(name);
    const updated = await this.service.pipes.put(
      { ...entry.definition, DesiredState: state },
      entry.origin,
      entry.created,
    );
    return stateOf(updated, { CurrentState: state === 'RUNNING' ? 'STARTING' : 'STOPPING' });
  }

  /** ListPipes with its filters and paging. */
  list(query: URLSearchParams) {
    const prefix = query.get('NamePrefix') ?? '';
    const desired = query.get('DesiredState');
    const currentState = query.get('CurrentState');
    const sourcePrefix = query.get('SourcePrefix') ?? '';
    const targetPrefix = query.get('TargetPrefix') ?? '';
    const limit = Number(query.get('Limit') ?? 100) || 100;
    const start = Number(query.get('NextToken') ?? 0) || 0;
    const all = this.service.pipes
      .list()
      .filter(
        (e) =>
          e.definition.Name.startsWith(prefix) &&
          (!desired || e.definition.DesiredState === desired) &&
          (!currentState || e.currentState === currentState) &&
          e.definition.Source.startsWith(sourcePrefix) &&
          e.definition.Target.startsWith(targetPrefix),
      );
    const page = all.slice(start, start + limit);
    return {
      Pipes: page.map((e) => ({
        Name: e.definition.Name,
        Arn: e.definition.Arn,
        DesiredState: e.definition.DesiredState,
        CurrentState: e.currentState,
        ...(e.stateReason ? { StateReason: e.stateReason } : {}),
        CreationTime: e.created,
        LastModifiedTime: e.modified,
        Source: e.definition.Source,
        Target: e.definition.Target,
        ...(e.definition.Enrichment ? { Enrichment: e.definition.Enrichment } : {}),
      })),
      ...(start + limit < all.length ? { NextToken: String(start + limit) } : {}),
    };
  }

  /** The pipe an ARN names, for the tag operations. */
  byArn(arn: string): PipeEntry {
    const entry = this.service.pipes.list().find((e) => e.definition.Arn === arn);
    if (!entry) throw new AwsError('NotFoundException', `Resource ${arn} does not exist.`, 404);
    return entry;
  }

  /** TagResource / UntagResource. */
  async retag(arn: string, change: (tags: Record<string, string>) => Record<string, string>) {
    const entry = this.byArn(arn);
    await this.service.pipes.put(
      { ...entry.definition, Tags: change({ ...entry.definition.Tags }) },
      entry.origin,
      entry.created,
    );
    return {};
  }
}
