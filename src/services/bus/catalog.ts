// The buses, rules and archives running now, with one compiled matcher per bus for its rules and one
// for its archives. Template resources and API-created ones live side by side; API-created ones are
// stored so they survive a restart. On reload the template wins for what it declares.
import { RuleMatcher } from '../../patterns/index.js';
import type { BusResources } from '../../store/bus-resources.js';
import type { AppModel } from '../../template/model.js';
import type { Archive, Bus, Rule } from './model.js';
import { ruleKey } from './model.js';
import { busArn, type ArnScope } from './names.js';

interface BusEntry {
  bus: Bus;
  rules: Map<string, Rule>;
  matcher: RuleMatcher;
  archiveMatcher: RuleMatcher;
}

/** The bus's resources in memory, kept in step with the store for API-created ones. */
export class Catalog {
  private readonly buses = new Map<string, BusEntry>();
  private readonly archives = new Map<string, Archive>();

  constructor(
    private readonly scope: ArnScope,
    private readonly stored: BusResources,
    now: number,
  ) {
    this.putBus(
      {
        name: 'default',
        arn: busArn(scope, 'default'),
        origin: 'template',
        createdAt: now,
        tags: {},
        statements: [],
      },
      false,
    );
  }

  /** Loads the API-created resources of an earlier run. */
  loadStored(): void {
    for (const bus of this.stored.list<Bus>('bus')) this.putBus(bus, false);
    for (const rule of this.stored.list<Rule>('rule'))
      if (this.buses.has(rule.busName)) this.putRule(rule, false);
    for (const archive of this.stored.list<Archive>('archive')) this.putArchive(archive, false);
  }

  /** Applies the template: adds and changes what it declares, removes what it no longer declares. */
  applyTemplate(app: AppModel, now: number): void {
    const busNames = new Set(app.buses.map((b) => b.name));
    const ruleKeys = new Set(app.rules.map((r) => ruleKey(r.busName, r.name)));
    const archiveNames = new Set(app.archives.map((a) => a.name));
    for (const entry of [...this.buses.values()]) {
      for (const rule of [...entry.rules.values()]) {
        if (rule.origin === 'template' && !ruleKeys.has(ruleKey(rule.busName, rule.name))) {
          this.deleteRule(rule.busName, rule.name);
        }
      }
      const { bus } = entry;
      if (bus.origin === 'template' && bus.name !== 'default' && !busNames.has(bus.name))
        this.deleteBus(bus.name);
    }
    for (const archive of [...this.archives.values()]) {
      if (archive.origin === 'template' && !archiveNames.has(archive.name)) this.deleteArchive(archive.name);
    }
    for (const model of app.buses) {
      const existing = this.buses.get(model.name)?.bus;
      if (existing?.origin === 'api') this.stored.delete('bus', model.name);
      this.putBus(
        {
          name: model.name,
          arn: model.arn,
          origin: 'template',
          createdAt: existing?.createdAt ?? now,
          tags: existing?.tags ?? {},
          statements: existing?.statements ?? [],
        },
        false,
      );
    }
    for (const model of app.rules) {
      if (!this.buses.has(model.busName)) continue;
      const existing = this.rule(model.busName, model.name);
      if (existing?.origin === 'api') this.stored.delete('rule', ruleKey(model.busName, model.name));
      this.putRule(
        {
          name: model.name,
          busName: model.busName,
          arn: model.arn,
          origin: 'template',
          eventPattern: model.eventPattern,
          scheduleExpression: model.scheduleExpression,
          state: model.state,
          description: model.description,
          targets: model.targets,
          tags: existing?.tags ?? {},
          createdAt: existing?.createdAt ?? now,
        },
        false,
      );
    }
    for (const model of app.archives) {
      const existing = this.archives.get(model.name);
      if (existing?.origin === 'api') this.stored.delete('archive', model.name);
      this.putArchive(
        {
          name: model.name,
          arn: model.arn,
          busName: model.busName,
          sourceArn: model.sourceArn,
          origin: 'template',
          eventPattern: model.eventPattern,
          retentionDays: model.retentionDays ?? 0,
          description: model.description,
          createdAt: existing?.createdAt ?? now,
        },
        false,
      );
    }
  }

  /** A bus by name. */
  bus(name: string): Bus | undefined {
    return this.buses.get(name)?.bus;
  }

  /** Every bus, in creation order. */
  allBuses(): Bus[] {
    return [...this.buses.values()].map((e) => e.bus);
  }

  /** Adds or replaces a bus (keeping its rules). */
  putBus(bus: Bus, persist = bus.origin === 'api'): void {
    const entry = this.buses.get(bus.name);
    if (entry) entry.bus = bus;
    else
      this.buses.set(bus.name, {
        bus,
        rules: new Map(),
        matcher: new RuleMatcher(),
        archiveMatcher: new RuleMatcher(),
      });
    if (persist) this.stored.put('bus', bus.name, bus);
  }

  /** Removes a bus with its rules. */
  deleteBus(name: string): void {
    const entry = this.buses.get(name);
    if (!entry) return;
    for (const rule of [...entry.rules.values()]) this.deleteRule(name, rule.name);
    this.buses.delete(name);
    this.stored.delete('bus', name);
  }

  /** A rule by bus and name. */
  rule(busName: string, name: string): Rule | undefined {
    return this.buses.get(busName)?.rules.get(name);
  }

  /** The rules of a bus (or of every bus). */
  rules(busName?: string): Rule[] {
    const entries =
      busName === undefined
        ? [...this.buses.values()]
        : [this.buses.get(busName)].filter((e) => e !== undefined);
    return entries.flatMap((e) => [...e.rules.values()]);
  }

  /** Adds or replaces a rule; the pattern must be valid (callers validate first). */
  putRule(rule: Rule, persist = rule.origin === 'api'): void {
    const entry = this.buses.get(rule.busName);
    if (!entry) return;
    entry.rules.set(rule.name, rule);
    entry.matcher.remove(rule.name);
    if (rule.eventPattern && rule.state !== 'DISABLED') entry.matcher.add(rule.name, rule.eventPattern);
    if (persist) this.stored.put('rule', ruleKey(rule.busName, rule.name), rule);
  }

  /** Removes a rule. */
  deleteRule(busName: string, name: string): void {
    const entry = this.buses.get(busName);
    entry?.rules.delete(name);
    entry?.matcher.remove(name);
    this.stored.delete('rule', ruleKey(busName, name));
  }

  /** The enabled rules of a bus whose pattern matches the event. */
  match(busName: string, event: object): Rule[] {
    const entry = this.buses.get(busName);
    if (!entry) return [];
    return entry.matcher.match(event).flatMap((name) => entry.rules.get(name) ?? []);
  }

  /** An archive by name. */
  archive(name: string): Archive | undefined {
    return this.archives.get(name);
  }

  /** Every archive. */
  allArchives(): Archive[] {
    return [...this.archives.values()];
  }

  /** Adds or replaces an archive. */
  putArchive(archive: Archive, persist = archive.origin === 'api'): void {
    const old = this.archives.get(archive.name);
    if (old) this.buses.get(old.busName)?.archiveMatcher.remove(archive.name);
    this.archives.set(archive.name, archive);
    // An archive without a pattern takes every event of its bus (the matcher refuses an empty pattern).
    if (archive.eventPattern)
      this.buses.get(archive.busName)?.archiveMatcher.add(archive.name, archive.eventPattern);
    if (persist) this.stored.put('archive', archive.name, archive);
  }

  /** Removes an archive. */
  deleteArchive(name: string): void {
    const archive = this.archives.get(name);
    if (archive) this.buses.get(archive.busName)?.archiveMatcher.remove(name);
    this.archives.delete(name);
    this.stored.delete('archive', name);
  }

  /** Names of the archives of a bus that take the event. */
  archivesFor(busName: string, event: object): string[] {
    const entry = this.buses.get(busName);
    if (!entry || this.archives.size === 0) return [];
    const names = entry.archiveMatcher.match(event);
    for (const archive of this.archives.values()) {
      if (archive.busName === busName && !archive.eventPattern) names.push(archive.name);
    }
    return names;
  }

  /** The ARN scope of this catalog. */
  get arnScope(): ArnScope {
    return this.scope;
  }
}
