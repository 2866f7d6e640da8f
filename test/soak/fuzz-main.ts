// Runs the soak's fuzz in a process of its own (`node --import tsx fuzz-main.ts <cases> <seed>`):
// generating and judging thousands of cases is CPU work that would otherwise stall the crash
// scenarios' kill timers. Prints the figures as one JSON line.
import { soakFuzz } from './fuzz.js';

const figures = await soakFuzz(Number(process.argv[2]), Number(process.argv[3]));
process.stdout.write(`${JSON.stringify(figures)}\n`);
