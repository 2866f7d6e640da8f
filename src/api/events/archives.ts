// Archive operations: CreateArchive, DescribeArchive, ListArchives, UpdateArchive, DeleteArchive.
import { AwsError } from '../../shared/aws-error.js';
import { archiveNotFound, busNotFound, validation } from '../../services/bus/errors.js';
import type { Archive } from '../../services/bus/model.js';
import { archiveArn, busNameOf } from '../../services/bus/names.js';
import type { BusService } from '../../services/bus/service.js';
import { checkPattern } from './rules.js';
import { compact, page, seconds, str, Violations } from './validation.js';

type Wire = Record<string, unknown>;

function sourceBus(bus: BusService, arn: unknown): string {
  const name = busNameOf(typeof arn === 'string' ? arn : undefined);
  if (!bus.catalog.bus(name)) throw busNotFound(name);
  return name;
}

/** The operations on archives. */
export function archiveOperations(bus: BusService) {
  const find = (name: unknown): Archive => {
    const archive = bus.catalog.archive(String(name));
    if (!archive) throw archiveNotFound(String(name));
    return archive;
  };
  const summary = (a: Archive) => {
    const stats = bus.archiveStore.statsOf(a.name);
    return {
      ArchiveName: a.name,
      EventSourceArn: a.sourceArn,
      State: 'ENABLED',
      RetentionDays: a.retentionDays,
      SizeBytes: stats.size,
      EventCount: stats.count,
      CreationTime: seconds(a.createdAt),
    };
  };
  return {
    CreateArchive: (input: Wire) => {
      const violations = new Violations().name(input.ArchiveName, 'archiveName', 48);
      if (typeof input.EventSourceArn !== 'string')
        violations.add(null, 'eventSourceArn', 'Member must not be null');
      violations.throwIfAny();
      const name = input.ArchiveName as string;
      const busName = sourceBus(bus, input.EventSourceArn);
      if (bus.catalog.archive(name))
        throw new AwsError('ResourceAlreadyExistsException', `Archive ${name} already exists.`);
      const pattern = str(input, 'EventPattern');
      if (pattern !== undefined) checkPattern(pattern);
      const archive: Archive = {
        name,
        arn: archiveArn(bus.scope, name),
        busName,
        sourceArn: bus.catalog.bus(busName)!.arn,
        origin: 'api',
        eventPattern: pattern,
        retentionDays: typeof input.RetentionDays === 'number' ? input.RetentionDays : 0,
        description: str(input, 'Description'),
        createdAt: Date.now(),
      };
      bus.catalog.putArchive(archive);
      return { ArchiveArn: archive.arn, State: 'ENABLED', CreationTime: seconds(archive.createdAt) };
    },
    DescribeArchive: (input: Wire) => {
      new Violations().name(input.ArchiveName, 'archiveName', 48).throwIfAny();
      const archive = find(input.ArchiveName);
      return compact({
        ArchiveArn: archive.arn,
        Description: archive.description,
        EventPattern: archive.eventPattern,
        ...summary(archive),
      });
    },
    ListArchives: (input: Wire) => {
      const source = str(input, 'EventSourceArn');
      const busName = source !== undefined ? sourceBus(bus, source) : undefined;
      const prefix = str(input, 'NamePrefix') ?? '';
      const state = str(input, 'State');
      const archives = bus.catalog
        .allArchives()
        .filter((a) => a.name.startsWith(prefix) && (busName === undefined || a.busName === busName))
        .filter(() => state === undefined || state === 'ENABLED');
      const { items, nextToken } = page(archives, input);
      return compact({ Archives: items.map(summary), NextToken: nextToken });
    },
    UpdateArchive: (input: Wire) => {
      const pattern = str(input, 'EventPattern');
      if (pattern === undefined && input.RetentionDays === undefined && input.Description === undefined) {
        throw validation('At least one of EventPattern, RetentionDays or Description must be provided.');
      }
      const archive = find(input.ArchiveName);
      if (pattern !== undefined) checkPattern(pattern);
      const updated: Archive = {
        ...archive,
        origin: 'api',
        eventPattern: pattern ?? archive.eventPattern,
        retentionDays: typeof input.RetentionDays === 'number' ? input.RetentionDays : archive.retentionDays,
        description: str(input, 'Description') ?? archive.description,
      };
      bus.catalog.putArchive(updated);
      return { ArchiveArn: updated.arn, State: 'ENABLED', CreationTime: seconds(updated.createdAt) };
    },
    DeleteArchive: (input: Wire) => {
      const archive = find(input.ArchiveName);
      bus.catalog.deleteArchive(archive.name);
      bus.archiveStore.clear(archive.name);
      return {};
    },
  };
}
