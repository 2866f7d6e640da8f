// Event bus operations (CreateEventBus, DescribeEventBus, ListEventBuses, DeleteEventBus), the bus
// resource policy (PutPermission, RemovePermission: stored, not enforced) and tags on buses and rules.
import { AwsError } from '../../shared/aws-error.js';
import { busNotFound, ruleNotFound, validation } from '../../services/bus/errors.js';
import { busArn, busNameOf, parseEventsArn } from '../../services/bus/names.js';
import type { BusService } from '../../services/bus/service.js';
import { tagMap } from './rules.js';
import { compact, page, seconds, str, Violations } from './validation.js';

type Wire = Record<string, unknown>;

/** The operations on buses, permissions and tags. */
export function busOperations(bus: BusService) {
  const existing = (nameOrArn: unknown) => {
    const name = busNameOf(typeof nameOrArn === 'string' ? nameOrArn : undefined);
    const found = bus.catalog.bus(name);
    if (!found) throw busNotFound(name);
    return found;
  };
  const policy = (statements: Record<string, unknown>[]) =>
    statements.length ? JSON.stringify({ Version: '2012-10-17', Statement: statements }) : undefined;
  /** The tags of the bus or rule an ARN names (AWS's not-found messages for each). */
  const tagged = (arn: unknown) => {
    const parsed = typeof arn === 'string' ? parseEventsArn(arn) : undefined;
    if (parsed?.type === 'event-bus') return existing(parsed.path.join('/'));
    if (parsed?.type === 'rule') {
      const [busName, name] = parsed.path.length > 1 ? parsed.path : ['default', parsed.path[0]];
      const rule = bus.catalog.rule(busName, name);
      if (!rule) throw ruleNotFound(name, busName);
      return rule;
    }
    throw new AwsError('ResourceNotFoundException', `Resource ${String(arn)} does not exist.`);
  };
  const saveTags = (arn: unknown, tags: Record<string, string>) => {
    const resource = tagged(arn);
    if ('busName' in resource) bus.catalog.putRule({ ...resource, tags });
    else bus.catalog.putBus({ ...resource, tags });
  };
  return {
    CreateEventBus: (input: Wire) => {
      new Violations().name(input.Name, 'name', 256, '[/\\.\\-_A-Za-z0-9]+').throwIfAny();
      const name = input.Name as string;
      if (bus.catalog.bus(name))
        throw new AwsError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
      if (name === 'default' || name.startsWith('aws.'))
        throw validation(`Event bus name ${name} is not valid.`);
      const arn = busArn(bus.scope, name);
      bus.catalog.putBus({
        name,
        arn,
        origin: 'api',
        description: str(input, 'Description'),
        createdAt: Date.now(),
        tags: tagMap(input.Tags),
        statements: [],
      });
      return compact({ EventBusArn: arn, Description: str(input, 'Description') });
    },
    DescribeEventBus: (input: Wire) => {
      const found = existing(input.Name);
      return compact({
        Name: found.name,
        Arn: found.arn,
        Description: found.description,
        Policy: policy(found.statements),
        CreationTime: seconds(found.createdAt),
        LastModifiedTime: seconds(found.createdAt),
      });
    },
    ListEventBuses: (input: Wire) => {
      const prefix = str(input, 'NamePrefix') ?? '';
      const buses = bus.catalog.allBuses().filter((b) => b.name.startsWith(prefix));
      const { items, nextToken } = page(buses, input);
      return compact({
        EventBuses: items.map((b) =>
          compact({
            Name: b.name,
            Arn: b.arn,
            Description: b.description,
            Policy: policy(b.statements),
            CreationTime: seconds(b.createdAt),
            LastModifiedTime: seconds(b.createdAt),
          }),
        ),
        NextToken: nextToken,
      });
    },
    DeleteEventBus: (input: Wire) => {
      new Violations().name(input.Name, 'name', 256, '[/\\.\\-_A-Za-z0-9]+').throwIfAny();
      if (input.Name === 'default') throw validation('Cannot delete event bus default.');
      bus.catalog.deleteBus(input.Name as string);
      bus.refreshSchedules();
      return {};
    },
    PutPermission: (input: Wire) => {
      const found = existing(input.EventBusName);
      const sid = str(input, 'StatementId') ?? `statement-${found.statements.length + 1}`;
      const statement = input.Policy
        ? JSON.parse(String(input.Policy))
        : {
            Sid: sid,
            Effect: 'Allow',
            Principal: { AWS: input.Principal },
            Action: input.Action,
            Resource: found.arn,
          };
      const statements = [...found.statements.filter((s) => s.Sid !== sid), statement];
      bus.catalog.putBus({ ...found, statements });
      return {};
    },
    RemovePermission: (input: Wire) => {
      const found = existing(input.EventBusName);
      if (input.RemoveAllPermissions === true) {
        bus.catalog.putBus({ ...found, statements: [] });
        return {};
      }
      const sid = str(input, 'StatementId');
      if (!found.statements.some((s) => s.Sid === sid)) {
        throw new AwsError('ResourceNotFoundException', 'Statement with the provided id does not exist.');
      }
      bus.catalog.putBus({ ...found, statements: found.statements.filter((s) => s.Sid !== sid) });
      return {};
    },
    TagResource: (input: Wire) => {
      saveTags(input.ResourceARN, { ...tagged(input.ResourceARN).tags, ...tagMap(input.Tags) });
      return {};
    },
    UntagResource: (input: Wire) => {
      const tags = { ...tagged(input.ResourceARN).tags };
      for (const key of (input.TagKeys as string[] | undefined) ?? []) delete tags[key];
      saveTags(input.ResourceARN, tags);
      return {};
    },
    ListTagsForResource: (input: Wire) => ({
      Tags: Object.entries(tagged(input.ResourceARN).tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  };
}
