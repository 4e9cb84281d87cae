// Preloaded into a measured child (node --import): on exit, writes to the file named by
// LOUPE_CHILD_USAGE_FILE the process's peak resident memory in KiB and its CPU time (user and
// system) in microseconds, from process.resourceUsage().
import { writeFileSync } from 'node:fs';

const file = process.env.LOUPE_CHILD_USAGE_FILE;
if (file)
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRSS, cpuMicros: userCPUTime + systemCPUTime }));
  });
