// `npm run soak`: the crash scenarios for minutes instead of seconds (eddy dev killed with SIGKILL at
// random moments under load, restarted, drained) side by side with the fuzzer on its own eddy; prints
// kills survived, acknowledged vs delivered vs lost per kind of work, duplicates, fuzz cases and 5xx,
// and peak memory. Exits 1 when anything acknowledged was lost, eddy died on its own, an execution
// ended wrong, or the fuzzer saw a 5xx, a hang or a crash.
import { runCrashScenario, type CrashReport } from '../reliability/crash/harness.js';
import { formatTotals, totals } from '../reliability/crash/report.js';
import { soakFuzzInChild, type FuzzFigures } from './fuzz.js';
import { soakOptions } from './options.js';

const options = soakOptions(process.argv.slice(2), process.env);
const started = Date.now();
const out = (line: string) => process.stdout.write(`${line}\n`);
out(
  `soak: ${options.minutes} min of kills in ${options.scenarios} scenario(s), ${options.fuzzCases} fuzz cases, seed ${options.seed}`,
);

let kills = 0;
const progress = setInterval(
  () => out(`  … ${Math.round((Date.now() - started) / 1000)} s, ${kills} kills so far`),
  30_000,
);
const scenarios = Array.from({ length: options.scenarios }, (_, i) =>
  runCrashScenario({
    seed: options.seed + i * 7919,
    kills: Infinity,
    maxKillPhaseMs: options.minutes * 60_000,
    // Longer runs between kills than in CI: more work in flight at each kill.
    upMs: [500, 4000],
    drainTimeoutMs: 120_000,
    onKill: () => kills++,
  }),
);
const [settled, fuzz] = await Promise.all([
  Promise.allSettled(scenarios),
  soakFuzzInChild(options.fuzzCases, options.seed),
]);
clearInterval(progress);
const reports = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
// A scenario that could not go on (eddy failed to restart) is a problem, not a crash of the runner.
const aborted = settled.flatMap((s, i) =>
  s.status === 'rejected'
    ? [`scenario ${i} (seed ${options.seed + i * 7919}) aborted: ${String(s.reason)}`]
    : [],
);

const sum = totals(reports);
out('');
out(formatTotals(sum));
out(formatFuzz(fuzz));
const peak = Math.max(sum.peakRssKb, fuzz.run ? fuzz.peakRssKb : 0);
out(`peak memory (RSS, VmHWM of the eddy children): ${(peak / 1024).toFixed(1)} MB`);
out(`wall time: ${Math.round((Date.now() - started) / 1000)} s`);

const problems = [
  ...aborted,
  ...reports.flatMap(problemsOf),
  ...(fuzz.run && fuzz.fiveXX + fuzz.hangs > 0 ? [`fuzz: ${fuzz.fiveXX} 5xx, ${fuzz.hangs} hangs`] : []),
  ...(fuzz.run && fuzz.crashed ? ['fuzz: eddy died'] : []),
];
for (const problem of problems) out(`✘ ${problem}`);
if (fuzz.run && fuzz.failures.length > 0) out(`fuzz failures: ${JSON.stringify(fuzz.failures, null, 1)}`);
out(problems.length === 0 ? '✔ nothing lost, no 5xx' : `✘ ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);

function problemsOf(report: CrashReport): string[] {
  const t = totals([report]);
  const problems: string[] = [];
  if (t.lost > 0) problems.push(`seed ${report.seed}: ${t.lost} lost (${report.lostSamples.join(', ')})`);
  for (const exit of report.selfExits) problems.push(`seed ${report.seed}: eddy exited on its own ${exit}`);
  for (const wrong of report.wrongExecutions) problems.push(`seed ${report.seed}: ${wrong}`);
  for (const replay of report.replays.notCompleted) problems.push(`seed ${report.seed}: replay ${replay}`);
  return problems;
}

function formatFuzz(fuzz: FuzzFigures): string {
  if (!fuzz.run) return `fuzz: not run (${fuzz.reason})`;
  return [
    `fuzz: ${fuzz.tried} cases tried, ${fuzz.fiveXX} 5xx, ${fuzz.hangs} hangs, ${fuzz.dropped} dropped connections,`,
    `  ${fuzz.badShapes} non-AWS-shaped 4xx, ${fuzz.healthFailures} failed health checks (slowest ${fuzz.maxHealthMs} ms),`,
    `  peak RSS ${(fuzz.peakRssKb / 1024).toFixed(1)} MB${fuzz.crashed ? ', EDDY DIED' : ''}`,
  ].join('\n');
}
